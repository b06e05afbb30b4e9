/**
 * Line-oriented text input shared by the file formats: lines come from a string, an iterable, or an
 * async iterable (e.g. node:readline over a file stream), so large files are parsed as they stream.
 */
import type { Triplets } from '../linalg/triplets.js';

export type LineSource = string | Iterable<string> | AsyncIterable<string>;

/** Yields [lineNumber (1-based), line] pairs. */
export async function* numberedLines(source: LineSource): AsyncGenerator<[number, string]> {
  // A final newline ends the last line; it does not start another (as node:readline reads files).
  const lines = typeof source === 'string' ? source.split(/\r?\n/) : source;
  if (Array.isArray(lines) && lines.at(-1) === '') lines.pop();
  let number = 0;
  for await (const line of lines) yield [++number, line];
}

/** A parse error pointing at a line: `where: line N: message`. */
export function lineError(where: string, line: number, message: string): RangeError {
  return new RangeError(`${where}: line ${line}: ${message}`);
}

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** An integer token in [min, max]. */
export function parseIndex(where: string, line: number, token: string, what: string, min: number, max: number): number {
  const value = INTEGER.test(token) ? Number(token) : NaN;
  if (!(value >= min && value <= max)) {
    throw lineError(where, line, `${what} must be an integer in [${min}, ${max}] (got ${JSON.stringify(token)})`);
  }
  return value;
}

/** A finite decimal number token (no hex, no Infinity/NaN). */
export function parseWeight(where: string, line: number, token: string): number {
  const value = DECIMAL.test(token) ? Number(token) : NaN;
  if (!Number.isFinite(value)) throw lineError(where, line, `weight must be a finite number (got ${JSON.stringify(token)})`);
  return value;
}

/** Shortest text that reads back as the same double (String(x) round-trips; -0 keeps its sign). */
export function formatWeight(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}

/** Triplets that grow as a file streams in (capacity doubles). */
export class TripletBuilder {
  rows: Int32Array;
  cols: Int32Array;
  values: Float64Array;
  count = 0;

  constructor(capacity = 1024) {
    this.rows = new Int32Array(capacity);
    this.cols = new Int32Array(capacity);
    this.values = new Float64Array(capacity);
  }

  push(row: number, col: number, value: number): void {
    if (this.count === this.rows.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(2 * a.length);
        b.set(a);
        return b;
      };
      [this.rows, this.cols, this.values] = [grow(this.rows), grow(this.cols), grow(this.values)];
    }
    this.rows[this.count] = row;
    this.cols[this.count] = col;
    this.values[this.count++] = value;
  }

  finish(nRows: number, nCols: number): Triplets {
    const n = this.count;
    return { nRows, nCols, rows: this.rows.subarray(0, n), cols: this.cols.subarray(0, n), values: this.values.subarray(0, n) };
  }
}
