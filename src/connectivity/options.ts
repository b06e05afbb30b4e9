import type { Seed } from '../random/seed.js';

/** Seed used by the network generators when none is given (the CLI's default `--seed 42` gives the same networks). */
export const DEFAULT_SEED: Seed = 42;
