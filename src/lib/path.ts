/** Immutable update of a nested value by a dotted path ("train.lr", "lanes.0.params.T"). */
export function setIn<T>(obj: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split('.');
  const key = head!;
  const container = obj as unknown as Record<string, unknown> | unknown[];
  const current = (container as Record<string, unknown>)[key];
  const next = rest.length ? setIn(current, rest.join('.'), value) : value;
  if (Array.isArray(container)) {
    const copy = container.slice();
    copy[Number(key)] = next;
    return copy as unknown as T;
  }
  return { ...(container as Record<string, unknown>), [key]: next } as T;
}

export function getIn(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o == null ? undefined : (o as Record<string, unknown>)[k]), obj);
}
