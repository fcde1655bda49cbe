/** The package.json version, injected by Vite (vite.config.ts `define`). */
declare const __APP_VERSION__: string;
/** The installed @tensorflow/tfjs-layers version, injected by Vite (vite.config.ts `define`). */
declare const __TFJS_LAYERS_VERSION__: string;
