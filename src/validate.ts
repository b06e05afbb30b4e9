/**
 * Parameter checks for the API boundary. Every message starts with where the value was given and
 * names the parameter, e.g. `rt.f64: n must be an integer ≥ 0 (got -1)`.
 */

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return String(value);
  return Object.prototype.toString.call(value);
}

/** An integer in [min, max]; `min` defaults to 0 (counts), use 1 for sizes that must be positive. */
export function requireInt(where: string, name: string, value: unknown, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in [${min}, ${max}]`;
    throw new RangeError(`${where}: ${name} must be an integer ${range} (got ${show(value)})`);
  }
  return value;
}

/** A finite number, optionally within [min, max]. */
export function requireFinite(where: string, name: string, value: unknown, min = -Infinity, max = Infinity): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${where}: ${name} must be a finite number (got ${show(value)})`);
  }
  if (value < min || value > max) {
    const range = max === Infinity ? `≥ ${min}` : min === -Infinity ? `≤ ${max}` : `in [${min}, ${max}]`;
    throw new RangeError(`${where}: ${name} must be ${range} (got ${value})`);
  }
  return value;
}

/** A finite number > 0. */
export function requirePositive(where: string, name: string, value: unknown): number {
  requireFinite(where, name, value);
  if ((value as number) <= 0) throw new RangeError(`${where}: ${name} must be > 0 (got ${value as number})`);
  return value as number;
}

/** An array-like of numbers whose entries are all finite; returns the first offender's index in the message. */
export function requireFiniteArray(where: string, name: string, values: unknown): ArrayLike<number> {
  if (!isNumberArrayLike(values)) {
    throw new TypeError(`${where}: ${name} must be an array or typed array of numbers (got ${show(values)})`);
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new RangeError(`${where}: ${name}[${i}] must be a finite number (got ${show(v)})`);
    }
  }
  return values;
}

export function isNumberArrayLike(values: unknown): values is ArrayLike<number> {
  return (
    ArrayBuffer.isView(values) && !(values instanceof DataView) ||
    Array.isArray(values)
  );
}

/** One of a fixed set of names. */
export function requireOneOf<T extends string>(where: string, name: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new RangeError(`${where}: ${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')} (got ${show(value)})`);
  }
  return value as T;
}

/** An array-like of integers in [min, max] (index data such as CSR rowPtr/colIdx). */
export function requireIntArray(where: string, name: string, values: unknown, min: number, max: number): ArrayLike<number> {
  if (!isNumberArrayLike(values)) {
    throw new TypeError(`${where}: ${name} must be an array or typed array of integers (got ${show(values)})`);
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      throw new RangeError(`${where}: ${name}[${i}] must be an integer in [${min}, ${max}] (got ${show(v)})`);
    }
  }
  return values;
}

/** `count` values fit into a buffer of `length` at `offset`. */
export function requireFits(where: string, count: number, offset: number, length: number): void {
  requireInt(where, 'offset', offset);
  if (offset + count > length) {
    throw new RangeError(`${where}: ${count} values at offset ${offset} do not fit in a buffer of length ${length}`);
  }
}

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
