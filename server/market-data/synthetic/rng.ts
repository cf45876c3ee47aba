// Seeded pseudo-random numbers for the synthetic data set: xoshiro128** seeded by splitmix32,
// with Box-Muller normals and Student-t draws. Pure arithmetic, so a seed gives the same stream
// on every run.

/** A seeded stream of random draws. */
export interface Rng {
  /** Uniform on (0, 1), never exactly 0 or 1 (safe for log). */
  uniform(): number;
  /** Standard normal. */
  normal(): number;
  /** Student-t with `nu` degrees of freedom (nu = 4 uses a closed form), scaled to unit variance. */
  studentT(nu: number): number;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * Creates an independent stream for (seed, stream). Components each take their own stream so that
 * adding or changing one series never shifts the draws of another.
 */
export function createRng(seed: number, stream: number): Rng {
  const mix = splitmix32((Math.imul(seed >>> 0, 0x2545f491) ^ Math.imul(stream + 1, 0x9e3779b1)) >>> 0);
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  if ((a | b | c | d) === 0) a = 1;

  const nextU32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };

  const uniform = (): number => (nextU32() + 0.5) / 4294967296;

  let spare = 0;
  let hasSpare = false;
  const normal = (): number => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    const r = Math.sqrt(-2 * Math.log(uniform()));
    const theta = 2 * Math.PI * uniform();
    spare = r * Math.sin(theta);
    hasSpare = true;
    return r * Math.cos(theta);
  };

  const studentT = (nu: number): number => {
    // chi-square(nu): for nu = 4 the sum of two exponentials is exact and cheap.
    let chi2: number;
    if (nu === 4) chi2 = -2 * Math.log(uniform() * uniform());
    else {
      chi2 = 0;
      for (let i = 0; i < nu; i++) {
        const z = normal();
        chi2 += z * z;
      }
    }
    const t = normal() / Math.sqrt(chi2 / nu);
    return t * Math.sqrt((nu - 2) / nu);
  };

  return { uniform, normal, studentT };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
