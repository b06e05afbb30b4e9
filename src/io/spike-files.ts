/**
 * Node-only spike-train files: a streaming CSV writer for `SpikingNetwork.run({ onSpikes })`
 * (columns `neuron,step`, t = step·dt) and readers of one-number-per-line columns (neuron types,
 * v(0)). Import from 'rnnkit/io'.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { lineError, numberedLines, parseIndex } from './text.js';

export const SPIKE_CSV_HEADER = 'neuron,step';

/** A CSV sink for spikes: `write` is SpikingNetwork's onSpikes; `close()` flushes and closes the file. */
export interface SpikeCsvWriter {
  write: (neurons: Int32Array, steps: Int32Array) => void;
  close: () => Promise<void>;
}

/** Opens `path` for writing and writes the header; spikes are appended chunk by chunk as they arrive. */
export function spikeCsvWriter(path: string): SpikeCsvWriter {
  const stream = createWriteStream(path, { encoding: 'utf8' });
  let failure: Error | null = null;
  stream.on('error', (error) => {
    failure = error;
  });
  stream.write(`${SPIKE_CSV_HEADER}\n`);
  return {
    write(neurons, steps) {
      if (failure) throw failure;
      const lines = new Array<string>(neurons.length);
      for (let k = 0; k < neurons.length; k++) lines[k] = `${neurons[k]},${steps[k]}\n`;
      stream.write(lines.join(''));
    },
    async close() {
      stream.end();
      if (!stream.closed && !failure) await once(stream, 'close');
      if (failure) throw failure;
    },
  };
}

/**
 * One number per line (blank lines and lines starting with # are skipped): `kind` 'type' takes
 * integers 0, 1 or 2 (LIF, QIF or GLM), 'value' any finite number. Errors name the file and line.
 */
export async function readNumberColumn(path: string, kind: 'type' | 'value'): Promise<number[]> {
  const input = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  const values: number[] = [];
  try {
    for await (const [line, text] of numberedLines(lines)) {
      const token = text.trim();
      if (token === '' || token.startsWith('#')) continue;
      if (token.includes(',') || /\s/.test(token)) throw lineError(path, line, `expected one number per line (got ${JSON.stringify(token)})`);
      if (kind === 'type') {
        values.push(parseIndex(path, line, token, 'type (0 = LIF, 1 = QIF, 2 = GLM)', 0, 2));
      } else {
        const value = Number(token);
        if (!Number.isFinite(value)) throw lineError(path, line, `value must be a finite number (got ${JSON.stringify(token)})`);
        values.push(value);
      }
    }
  } finally {
    lines.close();
    input.destroy();
  }
  if (values.length === 0) throw new RangeError(`${path}: no values`);
  return values;
}
