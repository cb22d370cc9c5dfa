/** Deterministic 64-hex keys standing in for HMAC-SHA256 outputs (SplitMix32-style mixing), as many as asked. */
export function* syntheticKeys(count: number, seed: number): Generator<string> {
  let s = seed >>> 0;
  const word = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return ((z ^ (z >>> 16)) >>> 0).toString(16).padStart(8, '0');
  };
  for (let i = 0; i < count; i++) {
    let hex = '';
    for (let w = 0; w < 8; w++) hex += word();
    yield hex;
  }
}
