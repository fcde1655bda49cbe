/** SHA-256 of some bytes as lowercase hex (Web Crypto: the page, the worker and Node all have it). */
export async function sha256Hex(bytes: Uint8Array, digits = 64): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as BufferSource);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .slice(0, digits);
}
