import { load, type Runtime } from '../../src/index.js';

/** Every binary the package ships: each kernel test runs against all four. */
export const BUILDS = [
  { build: 'release', simd: true },
  { build: 'release', simd: false },
  { build: 'debug', simd: true },
  { build: 'debug', simd: false },
] as const;

export type BuildCase = (typeof BUILDS)[number];

export const buildName = (b: BuildCase): string => `${b.build}/${b.simd ? 'simd' : 'scalar'}`;

export function loadBuild(b: BuildCase): Promise<Runtime> {
  return load({ build: b.build, simd: b.simd });
}

/** Sizes that cover empty input, every SIMD tail (2- and 4-wide unrolls) and a large case. */
export const TAIL_SIZES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 1000] as const;
