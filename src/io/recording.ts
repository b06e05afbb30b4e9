/**
 * Rate recordings as text (`rnnkit simulate --record-out FILE`, read by `rnnkit infer`): CSV that
 * pandas reads with `comment='#'`.
 *   line 1: `# rnnkit-recording 1 {JSON}` — sampleDt, integrator, every, tau, noise, n, phi, seed, units
 *   line 2: `t,x<unit>,x<unit>,…`
 *   then one row per sample: the time and the recorded x of each unit (shortest round-trip decimals).
 */
import { requireFinite } from '../validate.js';
import { type LineSource, lineError, numberedLines } from './text.js';

export const RECORDING_MAGIC = '# rnnkit-recording 1 ';

export interface RecordingMeta {
  sampleDt: number;
  integrator: string;
  every: number;
  tau: number;
  noise: number;
  n: number;
  phi: string;
  seed: number | string;
  units: number[];
}

export interface ParsedRecording {
  meta: RecordingMeta;
  /** Samples × units, row-major. */
  values: Float64Array;
  times: Float64Array;
  nSamples: number;
  nUnits: number;
}

/** The lines of a recording file. */
export function* recordingLines(meta: RecordingMeta, values: Float64Array, times: Float64Array): Generator<string> {
  const nUnits = meta.units.length;
  yield `${RECORDING_MAGIC}${JSON.stringify(meta)}`;
  yield ['t', ...meta.units.map((u) => `x${u}`)].join(',');
  for (let s = 0; s < times.length; s++) {
    const row = [String(times[s])];
    for (let u = 0; u < nUnits; u++) row.push(String(values[s * nUnits + u]));
    yield row.join(',');
  }
}

/** Parses a recording; errors name the line. */
export async function parseRecording(source: LineSource, where = 'parseRecording'): Promise<ParsedRecording> {
  let meta: RecordingMeta | null = null;
  let nUnits = 0;
  let header = false;
  const rows: number[] = [];
  const times: number[] = [];
  let last = 0;
  for await (const [line, raw] of numberedLines(source, where)) {
    last = line;
    const text = raw.trim();
    if (meta === null) {
      if (!text.startsWith(RECORDING_MAGIC.trim())) throw lineError(where, line, `expected "${RECORDING_MAGIC.trim()} {…}" (not an rnnkit recording)`);
      try {
        meta = JSON.parse(text.slice(RECORDING_MAGIC.length)) as RecordingMeta;
      } catch (error) {
        throw lineError(where, line, `the metadata is not valid JSON (${(error as Error).message})`);
      }
      requireFinite(where, 'sampleDt', meta.sampleDt, 0);
      if (!Array.isArray(meta.units) || meta.units.length === 0) throw lineError(where, line, 'metadata.units must be a non-empty array');
      nUnits = meta.units.length;
      continue;
    }
    if (text === '') continue;
    const fields = text.split(',');
    if (!header) {
      if (fields.length !== nUnits + 1 || fields[0] !== 't') throw lineError(where, line, `expected the header t,x… with ${nUnits} units`);
      header = true;
      continue;
    }
    if (fields.length !== nUnits + 1) throw lineError(where, line, `expected ${nUnits + 1} fields (got ${fields.length})`);
    const numbers = fields.map(Number);
    const bad = numbers.findIndex((v, i) => fields[i].trim() === '' || !Number.isFinite(v));
    if (bad >= 0) throw lineError(where, line, `field ${bad + 1} is not a finite number (${JSON.stringify(fields[bad])})`);
    times.push(numbers[0]);
    for (let u = 1; u <= nUnits; u++) rows.push(numbers[u]);
  }
  if (meta === null || !header) throw lineError(where, last + 1, 'incomplete recording: no metadata or no header');
  if (times.length < 2) throw lineError(where, last + 1, `a recording needs at least 2 samples (got ${times.length})`);
  return { meta, values: Float64Array.from(rows), times: Float64Array.from(times), nSamples: times.length, nUnits };
}
