/** What the shipped teacher's training script measured (public/models/<id>/meta.json). */
import { useEffect, useState } from 'react';
import type { LayerSummary } from '../../config/derived';

/** The fields of public/models/<id>/meta.json the panel shows (written by the training script). */
export interface PretrainedMeta {
  params?: number;
  testAccuracy?: { subset2k?: number; official10k?: number };
  heldOutPerplexity?: number;
  config?: { layers?: number; width?: number; heads?: number; context?: number };
  weightsHash?: string;
  /** Shipped CNN: its layers (type, output shape, weights), for its multiply-adds. */
  architecture?: LayerSummary[];
}

/** The meta.json of shipped model `id` (null while it loads, or for no id). */
export function usePretrainedMeta(id: string | null): PretrainedMeta | null {
  const [meta, setMeta] = useState<{ id: string; meta: PretrainedMeta } | null>(null);
  useEffect(() => {
    if (!id) return;
    let live = true;
    fetch(new URL(`models/${id}/meta.json`, document.baseURI))
      .then((r) => (r.ok ? (r.json() as Promise<PretrainedMeta>) : null))
      .then((m) => live && m && setMeta({ id, meta: m }))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [id]);
  return meta && meta.id === id ? meta.meta : null;
}
