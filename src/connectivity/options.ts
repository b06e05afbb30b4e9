/** Option handling shared by the network generators. */
import type { Seed } from '../random/seed.js';

/** Seed used when none is given (the CLI's default `--seed 42` gives the same networks). */
export const DEFAULT_SEED: Seed = 42;

/** `options` is a plain object whose keys are all in `allowed` (catches typos such as `K` for `k`). */
export function requireOptions<T extends object>(where: string, options: unknown, allowed: readonly string[]): T {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${where}: options must be an object (got ${options === null ? 'null' : typeof options})`);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new RangeError(`${where}: unknown option '${key}' (allowed: ${allowed.join(', ')})`);
    }
  }
  return options as T;
}

export function requireBoolean(where: string, name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`${where}: ${name} must be true or false (got ${typeof value})`);
  return value;
}
