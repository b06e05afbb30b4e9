/**
 * Conventions every `rnnkit` subcommand follows:
 * - `--json` prints exactly one JSON object on stdout and nothing else;
 * - `--seed S` (number or string) makes runs reproducible;
 * - results (the JSON object, or tables) go to stdout; progress, warnings and errors to stderr;
 * - bad input exits non-zero with a message naming the parameter.
 */
import cliProgress from 'cli-progress';
import { type Command, InvalidArgumentError, Option } from 'commander';

export interface CommonOptions {
  json?: boolean;
  seed: string;
}

/** Adds `--json` and `--seed` with the given default seed. */
export function withCommonOptions(command: Command, defaultSeed = '42'): Command {
  return command
    .option('--json', 'print one JSON object on stdout and nothing else')
    .addOption(new Option('--seed <seed>', 'random seed (number or string)').default(defaultSeed));
}

/** The seed as the library takes it: numeric strings become numbers (so `--seed 7` equals seed 7). */
export function seedOf(options: CommonOptions): number | string {
  const asNumber = Number(options.seed);
  return options.seed.trim() !== '' && Number.isFinite(asNumber) ? asNumber : options.seed;
}

/** Option parser for an integer in [min, max]; the error names the option. */
export function intArg(name: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  return (raw: string): number => {
    const v = Number(raw);
    if (raw.trim() === '' || !Number.isInteger(v) || v < min || v > max) {
      const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in [${min}, ${max}]`;
      throw new InvalidArgumentError(`${name} must be an integer ${range}.`);
    }
    return v;
  };
}

/** Option parser for a finite number in [min, max]; the error names the option. */
export function numberArg(name: string, min = -Infinity, max = Infinity) {
  return (raw: string): number => {
    const v = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(v) || v < min || v > max) {
      const range = min === -Infinity && max === Infinity ? '' : max === Infinity ? ` ≥ ${min}` : ` in [${min}, ${max}]`;
      throw new InvalidArgumentError(`${name} must be a finite number${range}.`);
    }
    return v;
  };
}

/** Writes the result on stdout: JSON with --json, else the human rendering (so `rnnkit demo > out.txt` keeps it). */
export function emit<T>(options: { json?: boolean }, result: T, human: (result: T) => string): void {
  process.stdout.write(`${options.json ? JSON.stringify(result) : human(result)}\n`);
}

/** Prints each warning on stderr, also under --json (whose object carries them too), so that none goes unseen. */
export function warn(warnings: readonly string[]): void {
  for (const warning of warnings) process.stderr.write(`rnnkit: WARNING: ${warning}\n`);
}

export interface Progress {
  update(done: number): void;
  stop(): void;
}

/**
 * Progress on stderr (silent with --json): a bar on a terminal; otherwise (a log, a pipe, CI) one
 * line when the stage ends, with its duration. The bar hides the cursor, so Ctrl-C stops it (which
 * shows the cursor again) before exiting with the usual status 130.
 */
export function progressBar(options: { json?: boolean }, label: string, total: number): Progress {
  if (options.json) return { update() {}, stop() {} };
  if (!process.stderr.isTTY) {
    const started = performance.now();
    let stopped = false;
    return {
      update() {},
      stop() {
        if (stopped) return;
        stopped = true;
        process.stderr.write(`rnnkit: ${label.trim()} done (${total} steps) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
      },
    };
  }
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `${label} [{bar}] {value}/{total} {eta_formatted}`, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const interrupted = () => {
    bar.stop();
    process.stderr.write('\n');
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  bar.start(total, 0);
  return {
    update: (done) => bar.update(done),
    stop: () => {
      process.off('SIGINT', interrupted);
      bar.stop();
    },
  };
}

/** Wraps an action so that library errors print `rnnkit <command>: <message>` and exit 1. */
export function action<A extends unknown[]>(name: string, fn: (...args: A) => Promise<void> | void) {
  return async (...args: A): Promise<void> => {
    try {
      await fn(...args);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`rnnkit ${name}: ${message}\n`);
      process.exitCode = 1;
    }
  };
}
