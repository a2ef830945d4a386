// Counter-based seeded random: draw n of seed s is a pure function of (s, n), so the random stream
// is fully described by one counter in the state (snapshots and restarts continue it exactly).

function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** 32 random bits: draw `n` of the stream seeded with `seed`. */
export function draw32(seed: number, n: number): number {
  return mix32((mix32(seed | 0) + Math.imul(n | 0, 0x9e3779b9) + Math.imul((n / 2 ** 32) | 0, 0x632be5ab)) | 0);
}

/** Draw `n` as a float in [0, 1). */
export function drawFloat(seed: number, n: number): number {
  return draw32(seed, n) / 2 ** 32;
}
