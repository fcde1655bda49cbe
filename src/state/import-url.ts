/**
 * A model imported from the URL of its model.json. The URL and everything the file names are
 * untrusted: model.json is read with a running byte count and checked (JSON, layers model,
 * manifest) here, before any weight file is requested; then only the files its manifest names
 * beside it are fetched (engine/model-io/paths.ts), their number capped first, each read no
 * further than the bytes the manifest declares. The worker checks everything again.
 */
import { formatBytes, ModelFileError, plural } from '../engine/model-io/errors';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from '../engine/model-io/limits';
import { checkManifest } from '../engine/model-io/manifest';
import { parseModelJson } from '../engine/model-io/model-json';
import { weightFileUrl } from '../engine/model-io/paths';
import { OverLimit, readCapped } from '../lib/read-capped';
import type { PickedModel } from './import-files';

/** The address the user typed, resolved against the page: http(s) only. */
function modelUrl(url: string, page: string): URL {
  let base: URL;
  try {
    base = new URL(url, page);
  } catch {
    throw new Error(`“${url}” is not a URL.`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:')
    throw new Error(`KD Studio imports from http:// and https:// addresses only, and “${url}” is not one.`);
  return base;
}

/** A response to a GET of `url`, and the way to stop its download. */
async function get(url: URL): Promise<{ res: Response; abort: () => void }> {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal }).catch(() => {
    throw new Error(`Could not fetch ${url.href} (offline, or the server does not allow it).`);
  });
  if (!res.ok) {
    controller.abort();
    throw new Error(`Could not fetch ${url.href}: HTTP ${res.status}.`);
  }
  return { res, abort: () => controller.abort() };
}

/** The body of `url`, no longer than `limit`; `tooLong` words the refusal. */
async function read(url: URL, limit: number, tooLong: (e: OverLimit) => Error): Promise<ArrayBuffer> {
  const { res, abort } = await get(url);
  try {
    return await readCapped(res, limit, abort);
  } catch (e) {
    if (e instanceof OverLimit) throw tooLong(e);
    throw new Error(`Could not fetch ${url.href}: the download broke off.`, { cause: e });
  }
}

/** model.json from a URL, and the weight files its manifest names beside it. */
export async function fromUrl(
  url: string,
  { page = location.href, limits = DEFAULT_IMPORT_LIMITS }: { page?: string; limits?: ImportLimits } = {},
): Promise<PickedModel> {
  const base = modelUrl(url, page);
  const modelJson = await read(base, limits.maxBytes, (e) =>
    e.declared !== null
      ? new ModelFileError(
          'too-large',
          `model.json is ${formatBytes(e.declared)} (the server says so), over the limit of ${formatBytes(e.limit)}`,
        )
      : new ModelFileError(
          'too-large',
          `model.json is over the limit of ${formatBytes(e.limit)}: the server sent more than that, so the studio ` +
            'stopped reading it',
        ),
  );
  // The worker would refuse what these refuse: here they run before any weight file is requested.
  const checked = checkManifest(parseModelJson(modelJson, limits).manifest, limits);
  const urls = checked.paths.map((p) => weightFileUrl(p, base));
  const weights: PickedModel['weights'] = [];
  // One file at a time, each read no further than what its group still needs: a server that
  // sends more is refused after one chunk, whatever it claims or compresses.
  let file = 0;
  for (const group of checked.groups) {
    let left = group.bytes;
    for (const name of group.paths) {
      const tooLong = (e: OverLimit) =>
        new ModelFileError(
          'bytes-mismatch',
          e.declared !== null
            ? `${name} is ${formatBytes(e.declared)} (the server says so), but the manifest needs ` +
                `${plural(group.bytes, 'byte')} for ${group.paths.length === 1 ? 'it' : 'its group of files'}: ` +
                'the weight file is from another model, or padded'
            : `${name} is too long: the manifest needs ${plural(group.bytes, 'byte')}` +
                `${group.paths.length === 1 ? '' : ' for its group of files'}, and the server sent more, so the ` +
                'studio stopped reading it (padded, or from another model)',
        );
      const bytes = await read(urls[file++]!, left, tooLong);
      left -= bytes.byteLength;
      weights.push({ name, bytes });
    }
  }
  return { name: base.pathname.split('/').filter(Boolean).at(-2) ?? 'model', modelJson, weights };
}
