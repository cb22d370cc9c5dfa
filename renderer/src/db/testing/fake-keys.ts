/** A stand-in for main's HMAC: SHA-256 of `kind:value` (the real one is keyed; tests only need stable hex). */
export async function fakeKey(kind: string, value: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(`${kind}:${value}`),
  );
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export const fakeKeys = (kind: string, values: string[]) => Promise.all(values.map((v) => fakeKey(kind, v)));
