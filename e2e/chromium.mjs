/**
 * How the browser tests, the benchmark and the screenshot script launch Chromium: the system
 * one (Playwright cannot download its own here), with the flags that make WebGPU really run on
 * SwiftShader in a headless, GPU-less machine (../shared/reference/platform.md).
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu',
  '--use-webgpu-adapter=swiftshader',
  '--enable-unsafe-swiftshader',
  '--no-sandbox',
  // Without these, Chromium keeps trying hosts this network refuses.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
