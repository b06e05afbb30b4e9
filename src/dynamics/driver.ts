/**
 * The one chunked run loop. Rate runs, Lyapunov exponents, FORCE training and spiking networks
 * advance their systems through `drive`: steps are taken in chunks, and between chunks the driver
 * checks the state (blow-up with when and where), reports progress, honours an AbortSignal and
 * yields to the event loop, so runs of any length keep memory bounded and a page responsive.
 * A system advances a whole chunk per call, so a kernel that loops steps inside WASM pays one
 * boundary crossing per chunk.
 */
import { requireFinite, requireInt, requirePositive } from '../validate.js';

/** A system the driver can advance. */
export interface Advanceable {
  /** Advance from step `from` to step `to` (to − from ≤ chunkSteps; steps are counted from 0). */
  advance(from: number, to: number): void;
  /** After each chunk: throw (a BlowUpError, when and where) if the state left its valid range. */
  check?(stepsDone: number): void;
}

export interface DriveOptions {
  /** Steps per chunk between checks, progress reports and yields (default 256). */
  chunkSteps?: number;
  /** Step counts at which a chunk must end (phase changes such as the end of training). */
  breaks?: readonly number[];
  onProgress?: (stepsDone: number, stepsTotal: number) => void;
  signal?: AbortSignal;
  /** Where the run is after `stepsDone` steps, for messages ("t = 12.5"). */
  describe: (stepsDone: number) => string;
}

/** Thrown when a run's state leaves its valid range: says when and where. */
export class BlowUpError extends Error {
  constructor(
    /** The run that blew up (e.g. 'rate network'). */
    readonly system: string,
    /** The time at which it was detected (the run's units). */
    readonly time: number,
    /** The first offending unit (neuron) and its value. */
    readonly unit: number,
    readonly value: number,
    /** What went wrong and what to try. */
    readonly reason: string,
  ) {
    super(`${system} blew up at t = ${time}: ${reason}`);
    this.name = 'BlowUpError';
  }
}

/** Lets the event loop run once (timers, I/O, progress output, aborts). */
export function yieldNow(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Throws an AbortError saying where the run stopped (`at`, e.g. "t = 12.5") if `signal` aborted. */
export function throwIfCancelled(signal: AbortSignal | undefined, where: string, at: string): void {
  if (signal?.aborted) throw new DOMException(`${where}: cancelled at ${at}`, 'AbortError');
}

/** Yields at most every 50 ms of work, so that progress, timers and aborts get to run. */
const YIELD_EVERY_MS = 50;

/**
 * Advances `system` by `totalSteps` steps in chunks. Throws an AbortError (saying where) when
 * `signal` aborts, and whatever `check` throws. Returns the wall-clock time spent.
 */
export async function drive(where: string, totalSteps: number, system: Advanceable, options: DriveOptions): Promise<{ wallMs: number }> {
  requireInt(where, 'steps', totalSteps);
  const chunkSteps = requireInt(where, 'chunkSteps', options.chunkSteps ?? 256, 1);
  const breaks = [...(options.breaks ?? [])].filter((b) => b > 0 && b < totalSteps).sort((a, b) => a - b);
  const started = performance.now();
  let lastYield = started;
  for (let done = 0; done < totalSteps; ) {
    throwIfCancelled(options.signal, where, options.describe(done));
    let end = Math.min(totalSteps, done + chunkSteps);
    const nextBreak = breaks.find((b) => b > done);
    if (nextBreak !== undefined && nextBreak < end) end = nextBreak;
    system.advance(done, end);
    done = end;
    system.check?.(done);
    options.onProgress?.(done, totalSteps);
    if (performance.now() - lastYield >= YIELD_EVERY_MS) {
      await yieldNow();
      lastYield = performance.now();
    }
  }
  return { wallMs: performance.now() - started };
}

/** A run's duration split into steps of size dt, validated once for every kind of run. */
export interface TimeGrid {
  t: number;
  dt: number;
  transient: number;
  totalSteps: number;
  transientSteps: number;
}

/**
 * Validates t > 0, dt > 0, 0 ≤ transient < t and returns the step counts (round(t/dt),
 * round(transient/dt)). `unit` names the time unit in messages ('τ' or 'ms').
 */
export function timeGrid(where: string, spec: { t: number; dt: number; transient?: number }, unit = 'τ'): TimeGrid {
  const t = requirePositive(where, 't', spec.t);
  const dt = requirePositive(where, 'dt', spec.dt);
  const transient = requireFinite(where, 'transient', spec.transient ?? 0, 0);
  if (transient >= t) throw new RangeError(`${where}: t must exceed transient (got t = ${t} ${unit}, transient = ${transient} ${unit})`);
  const totalSteps = Math.round(t / dt);
  if (totalSteps < 1) throw new RangeError(`${where}: t = ${t} ${unit} is shorter than one step dt = ${dt} ${unit}`);
  if (totalSteps > MAX_STEPS) {
    throw new RangeError(`${where}: t/dt = ${totalSteps} steps; at most ${MAX_STEPS} (raise dt or shorten t)`);
  }
  return { t, dt, transient, totalSteps, transientSteps: Math.round(transient / dt) };
}

/** Upper bound on the steps of one run (2⁵³ would lose step counts; 10¹² is already days of work). */
const MAX_STEPS = 1e12;
