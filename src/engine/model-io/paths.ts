/**
 * Where a model's weight files may be: beside its model.json, named without a folder. The
 * manifest is untrusted, and a URL import fetches what it names, so "../../secret/weights.bin",
 * "https://elsewhere/…" or "sub/dir/x.bin" are refused before anything is read or requested.
 * Plain, tfjs-free code: the page checks a manifest with it before fetching any weight file.
 */
import { ModelFileError } from './errors';

/** Why a manifest path is refused, in words; `path` is shown as the manifest gives it. */
const notBeside = (path: string) =>
  new ModelFileError(
    'bad-path',
    `The weights manifest lists the file “${path.slice(0, 120)}”, which is not beside model.json: KD Studio ` +
      'reads only weight files in model.json’s own folder, named without a folder or address ' +
      '(like “group1-shard1of1.bin”)',
  );

/**
 * The file name a manifest path stands for: "./model.weights.bin" (as tfjs's own browser
 * download writes it) and "model.weights.bin" are the same file; anything with a folder,
 * a parent, a drive or an address in it is refused.
 */
export function weightFileName(path: string): string {
  let name = path;
  while (name.startsWith('./')) name = name.slice(2);
  if (name === '' || name === '.' || name === '..' || /[/\\]/.test(name)) throw notBeside(path);
  return name;
}

/**
 * The address of a weight file beside the model.json at `modelUrl`, or a refusal. The name
 * passed `weightFileName` already; resolving it catches what only a URL parser sees (an
 * encoded "%2e%2e" or "%2f", another scheme as in "http:x", a query or a fragment): the
 * result must be a file of the very folder model.json is in, on the same origin.
 */
export function weightFileUrl(path: string, modelUrl: URL): URL {
  const name = weightFileName(path);
  const folder = new URL('./', modelUrl);
  let url: URL;
  try {
    url = new URL(name, folder);
  } catch {
    throw notBeside(path);
  }
  const rest = url.pathname.startsWith(folder.pathname) ? url.pathname.slice(folder.pathname.length) : '/';
  if (url.origin !== folder.origin || rest === '' || /\/|%2f|%5c/i.test(rest) || url.search || url.hash)
    throw notBeside(path);
  return url;
}
