/** A model imported from the URL of its model.json: the file, then the weight files its manifest names. */
import type { PickedModel } from './import-files';

/** model.json from a URL, and the weight files its manifest names, relative to it. */
export async function fromUrl(url: string): Promise<PickedModel> {
  let base: URL;
  try {
    base = new URL(url, location.href);
  } catch {
    throw new Error(`“${url}” is not a URL.`);
  }
  const get = async (u: URL) => {
    const res = await fetch(u).catch(() => {
      throw new Error(`Could not fetch ${u.href} (offline, or the server does not allow it).`);
    });
    if (!res.ok) throw new Error(`Could not fetch ${u.href}: HTTP ${res.status}.`);
    return res;
  };
  const text = await (await get(base)).text();
  let paths: string[] = [];
  try {
    const manifest = (JSON.parse(text) as { weightsManifest?: { paths?: unknown }[] }).weightsManifest;
    paths = (manifest ?? []).flatMap((g) =>
      Array.isArray(g.paths) ? g.paths.filter((p): p is string => typeof p === 'string') : [],
    );
  } catch {
    // Not JSON: the worker explains.
  }
  const weights = await Promise.all(
    paths.slice(0, 64).map(async (p) => ({ name: p, bytes: await (await get(new URL(p, base))).arrayBuffer() })),
  );
  return { name: base.pathname.split('/').filter(Boolean).at(-2) ?? 'model', modelJson: text, weights };
}
