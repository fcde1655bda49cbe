/**
 * The security policy of the built studio: the Content-Security-Policy and the headers the
 * preview server sends with every response (vite.config.ts), and the same policy as a <meta>
 * tag in the built index.html for static hosts that cannot send headers (GitHub Pages).
 *
 * What the app needs, and nothing more: its own scripts, styles, fonts and files ('self'); the
 * WebAssembly of tfjs's WASM backend ('wasm-unsafe-eval', which allows compiling WebAssembly,
 * not JavaScript eval); its own worker; images and downloads it makes as blob: and data: URLs
 * (chart PNGs, the downloaded model and project files); and a model.json the person imports
 * by URL (Import model → Import from URL, on their click: https: only). No inline script, no
 * eval, no plugins, no <base> rewriting, no forms posting anywhere. A link never names an
 * address the page fetches (models are named by the hash of their weights, samples by a path
 * under data/): a browser test checks that no request leaves the origin when links open.
 *
 * frame-ancestors (no framing, against clickjacking) works only as a header: browsers ignore
 * it in a <meta> tag, so a static host serves the page frameable unless it adds the header.
 */

/** The directives every delivery shares. */
const DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self' 'wasm-unsafe-eval'",
  'worker-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data: blob:",
  'font-src': "'self'",
  'connect-src': "'self' https:",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
};

const policy = (d: Readonly<Record<string, string>>) =>
  Object.entries(d)
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');

/** The policy as the server sends it: with frame-ancestors. */
export const CSP_HEADER = policy({ ...DIRECTIVES, 'frame-ancestors': "'none'" });

/** The policy as a <meta> tag carries it: frame-ancestors is ignored there (and warned about). */
export const CSP_META = policy(DIRECTIVES);

/**
 * Cross-origin isolation, which SharedArrayBuffer and so WASM with threads need: the page
 * shares its browsing context group with no other origin (COOP), and loads nothing from
 * another origin that did not agree to it (COEP). `credentialless` rather than `require-corp`:
 * a cross-origin request without CORS is sent without cookies instead of being refused, and
 * a CORS fetch (Import model → from URL, on the person's click) works as before. Browsers
 * without `credentialless` (Safari) are simply not isolated: WASM runs without threads there.
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'credentialless',
};

/** Every response of the preview server (the built app, as a user gets it). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CSP_HEADER,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  ...ISOLATION_HEADERS,
};

/**
 * The dev server's: the same, loosened only where Vite's development tooling needs it: the
 * React refresh preamble is an inline script, CSS arrives as <style> elements, and hot reload
 * talks over a WebSocket. The built app never gets these.
 */
export const DEV_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...SECURITY_HEADERS,
  'Content-Security-Policy': policy({
    ...DIRECTIVES,
    'script-src': "'self' 'wasm-unsafe-eval' 'unsafe-inline'",
    'style-src': "'self' 'unsafe-inline'",
    'connect-src': "'self' https: ws: wss:",
    'frame-ancestors': "'none'",
  }),
};
