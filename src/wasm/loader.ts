/**
 * Loads the WASM core in Node and in browsers. Compiled modules are cached per binary, so each
 * `instantiateCore` call gives a fresh, independent instance (own memory) cheaply.
 */
import { instantiate } from '@assemblyscript/loader';
import { mainThreadCanBlock, readFileUrl, resolveRelative, spawnThreadWorker } from '#platform';
import type { CoreExports } from './abi.js';
import type { ThreadWorker } from './thread-protocol.js';

/** `release`: -O3, no asserts (default). `debug`: asserts and bounds checks on, for tests. */
export type BuildName = 'release' | 'debug';

/** Where the module comes from: bytes, a compiled module, a URL (or its string), or a fetch Response. */
export type WasmSource = BufferSource | WebAssembly.Module | URL | string | Response;

/** Options of `instantiateCore`: which binary, and where to find it. */
export interface LoadOptions {
  /**
   * Which binary to load (ignored when `wasm` is given). Default 'release'. The package ships only
   * the release binaries; 'debug' (asserts and bounds checks) needs a checkout (`npm run asbuild:debug`).
   */
  build?: BuildName;
  /** Use the SIMD binary: true, false, or 'auto' (SIMD when the engine validates it). Default 'auto'. */
  simd?: boolean | 'auto';
  /**
   * Use the relaxed-SIMD binary (default false): the SIMD build whose dense products (gemv,
   * gemm_rows and what uses them) multiply-add with `f64x2.relaxed_madd`, a fused multiply-add
   * on CPUs that have one (measured 10–20% faster at n = 1000). Opt-in because FMA rounds once
   * where the other builds round twice: results then differ from the SIMD and scalar builds (and
   * may differ between engines or CPUs) in the last bits, within the same error bound. Each build
   * stays self-consistent: an ensemble trajectory equals its single run within one build. Needs
   * an engine with relaxed SIMD (Chromium ≥ 114; Node 20 with `--experimental-wasm-relaxed-simd`);
   * throws where it is missing. Not combinable with `simd: false`.
   */
  relaxedSimd?: boolean;
  /**
   * Load this module instead of the packaged one: bytes, a WebAssembly.Module, a Response, a URL,
   * or a string (an absolute URL, else a path relative to the page in browsers or to the working
   * directory in Node).
   */
  wasm?: WasmSource;
  /**
   * A folder (URL, or a string resolved like `wasm`) holding `rnnkit.simd.wasm` and
   * `rnnkit.scalar.wasm`, for apps that host the binaries themselves (copied from
   * `rnnkit/wasm/*.wasm`); the engine's SIMD support picks the file as usual.
   */
  wasmBase?: URL | string;
}

/** What `instantiateCore` gives: the raw exports and which binary they came from. */
export interface LoadedCore {
  readonly exports: CoreExports;
  readonly simd: boolean;
  /** The binary multiplies-adds with relaxed SIMD (see LoadOptions.relaxedSimd). */
  readonly relaxedSimd: boolean;
  readonly build: BuildName | 'custom';
  /**
   * Threaded binary only: the module and the shared memory its workers instantiate on, and the
   * platform's way to start a worker and whether this thread may block in Atomics.wait (they come
   * through this module's one `#platform` import, which the CommonJS and CLI builds relocate).
   */
  readonly shared?: {
    module: WebAssembly.Module;
    memory: WebAssembly.Memory;
    spawnWorker: (init: unknown) => Promise<ThreadWorker>;
    canBlock: boolean;
  };
}

const WASM_FILES = {
  simd: 'rnnkit.simd.wasm', scalar: 'rnnkit.scalar.wasm', threads: 'rnnkit.threads.wasm', relaxed: 'rnnkit.relaxed.wasm',
} as const;
/** Which binary: SIMD, scalar, SIMD with threads (shared, imported memory), or SIMD with relaxed-SIMD FMA. */
type Variant = keyof typeof WASM_FILES;
/**
 * The threaded binary's memory (asconfig.json release-threads): 16 pages to start (its static data
 * needs less), up to 65 536 (4 GiB, wasm32's limit). A shared memory's maximum is fixed when it is
 * made; engines reserve that address space without committing it.
 */
const SHARED_MEMORY = { initial: 16, maximum: 65536 } as const;

// Literal `new URL('…', import.meta.url)` expressions, so that bundlers (Vite, webpack) see and
// copy the binaries. Both src/wasm and dist/wasm sit two levels below the package.
const RELEASE = {
  simd: () => new URL('../../build/release/rnnkit.simd.wasm', import.meta.url),
  scalar: () => new URL('../../build/release/rnnkit.scalar.wasm', import.meta.url),
  threads: () => new URL('../../build/release/rnnkit.threads.wasm', import.meta.url),
  relaxed: () => new URL('../../build/release/rnnkit.relaxed.wasm', import.meta.url),
};
// Not a literal on purpose: the debug binaries exist only in a checkout, and a bundler that
// followed this URL would fail the app's build on the missing file.
const moduleUrl = import.meta.url;
const debugUrl = (file: string) => new URL(`../../build/debug/${file}`, moduleUrl);

const compiled = new Map<string, Promise<WebAssembly.Module>>();

/** A name for what an HTTP response or file holds when it is not WebAssembly. */
function describeNonWasm(bytes: Uint8Array, contentType: string | null): string {
  const head = new TextDecoder().decode(bytes.subarray(0, 64)).trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || contentType?.includes('text/html')) {
    return 'got an HTML page: is the .wasm served? (a dev server answering unknown paths with index.html; see load({ wasmBase }))';
  }
  const magic = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
  return `got ${bytes.length} bytes starting ${magic || '(nothing)'}${contentType ? ` (${contentType})` : ''}, not 00 61 73 6d`;
}

const isWasm = (bytes: Uint8Array) =>
  bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d;

/** The bytes at `url` (file: in Node, else fetch), checked to be WebAssembly; `hint` ends a miss. */
async function fetchBytes(url: URL, hint = ''): Promise<Uint8Array> {
  let bytes: Uint8Array;
  let contentType: string | null = null;
  if (url.protocol === 'file:') {
    try {
      bytes = await readFileUrl(url);
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') throw new Error(`load: ${url.href} does not exist${hint}`);
      throw error;
    }
  } else {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`load: fetching ${url.href} failed with HTTP ${response.status}${hint}`);
    contentType = response.headers.get('content-type');
    bytes = new Uint8Array(await response.arrayBuffer());
  }
  if (!isWasm(bytes)) throw new Error(`load: ${url.href} is not WebAssembly: ${describeNonWasm(bytes, contentType)}`);
  return bytes;
}

/**
 * A URL for `source`: absolute URLs as they are; a relative string against the page in a browser,
 * or as a file path against the working directory in Node (what a user of either expects).
 */
function locate(source: string | URL): URL {
  if (source instanceof URL) return source;
  try {
    return new URL(source);
  } catch {
    return resolveRelative(source);
  }
}

async function compileSource(source: WasmSource): Promise<WebAssembly.Module> {
  if (source instanceof WebAssembly.Module) return source;
  if (typeof source === 'string' || source instanceof URL) {
    return WebAssembly.compile(await fetchBytes(locate(source)) as BufferSource);
  }
  if (typeof Response !== 'undefined' && source instanceof Response) {
    return WebAssembly.compile(await source.arrayBuffer());
  }
  return WebAssembly.compile(source as BufferSource);
}

/** SIMD support: validates the smallest module using a v128 instruction. */
function engineHasSimd(): boolean {
  // (module (func (result v128) v128.const i64x2 0 0))
  const probe = new Uint8Array([
    0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 22, 1, 20, 0, 253, 12,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 11,
  ]);
  return WebAssembly.validate(probe);
}

/** Relaxed-SIMD support: validates a module computing f64x2.relaxed_madd of three v128 constants. */
function engineHasRelaxedSimd(): boolean {
  const zero = [253, 12, ...new Array<number>(16).fill(0)];
  const body = [0, ...zero, ...zero, ...zero, 253, 135, 2, 11];
  const probe = new Uint8Array([
    0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, body.length + 2, 1, body.length, ...body,
  ]);
  return WebAssembly.validate(probe);
}

/** Where the binary for this build and engine is: the app's `wasmBase`, else the package. */
function packagedLocation(build: BuildName, variant: Variant, wasmBase: URL | string | undefined): { url: URL; hint: string } {
  const file = WASM_FILES[variant];
  if (wasmBase !== undefined) {
    const base = locate(wasmBase);
    const folder = base.href.endsWith('/') ? base : new URL(`${base.href}/`);
    const needs = variant === 'threads' ? ' for load({ threads })' : variant === 'relaxed' ? ' for relaxedSimd' : '';
    return {
      url: new URL(file, folder),
      hint: needs ? ` (wasmBase must hold ${file}${needs})` : ` (wasmBase must hold ${WASM_FILES.simd} and ${WASM_FILES.scalar})`,
    };
  }
  if (build === 'debug' && variant === 'relaxed') throw new RangeError("load: relaxedSimd has only a release build (build: 'release')");
  if (build === 'debug') {
    return {
      url: debugUrl(file),
      hint: ": the debug binaries are not shipped in the package (build them in a checkout with npm run asbuild:debug), use build: 'release'",
    };
  }
  return { url: RELEASE[variant](), hint: '' };
}

function packagedModule(build: BuildName, variant: Variant, wasmBase: URL | string | undefined): Promise<WebAssembly.Module> {
  const { url, hint } = packagedLocation(build, variant, wasmBase);
  let module = compiled.get(url.href);
  if (!module) {
    module = fetchBytes(url, hint).then((bytes) => WebAssembly.compile(bytes as BufferSource));
    module.catch(() => compiled.delete(url.href));
    compiled.set(url.href, module);
  }
  return module;
}

/**
 * A fresh instance of the core (own memory) with its exports checked; `load()` wraps it in a Runtime.
 * `threaded`: the threaded release binary on a new shared memory (load({ threads }) checks the options).
 */
export async function instantiateCore(options: LoadOptions = {}, threaded = false): Promise<LoadedCore> {
  const { build = 'release', simd = 'auto', relaxedSimd = false, wasm, wasmBase } = options;
  if (build !== 'release' && build !== 'debug') {
    throw new RangeError(`load: build must be 'release' or 'debug' (got ${String(build)})`);
  }
  if (simd !== true && simd !== false && simd !== 'auto') {
    throw new RangeError(`load: simd must be true, false or 'auto' (got ${String(simd)})`);
  }
  const hasSimd = engineHasSimd();
  if (simd === true && !hasSimd) throw new Error('load: simd: true, but this engine has no WebAssembly SIMD');
  const useSimd = simd === 'auto' ? hasSimd : simd;
  if (relaxedSimd !== true && relaxedSimd !== false) throw new TypeError(`load: relaxedSimd must be true or false (got ${String(relaxedSimd)})`);
  if (relaxedSimd && simd === false) throw new RangeError('load: relaxedSimd: true needs SIMD (got simd: false)');
  if (relaxedSimd && !engineHasRelaxedSimd()) {
    throw new Error('load: relaxedSimd: true, but this engine has no WebAssembly relaxed SIMD (Node 20 needs --experimental-wasm-relaxed-simd)');
  }
  const variant: Variant = relaxedSimd ? 'relaxed' : useSimd ? 'simd' : 'scalar';
  if (wasm !== undefined && wasmBase !== undefined) throw new RangeError('load: give wasm or wasmBase, not both');
  if (threaded) {
    if (relaxedSimd) throw new RangeError('load: relaxedSimd and threads cannot be combined (there is no threaded relaxed-SIMD binary)');
    const module = await packagedModule('release', 'threads', wasmBase);
    const memory = new WebAssembly.Memory({ ...SHARED_MEMORY, shared: true });
    const { exports } = await instantiate<Record<string, unknown>>(module, { env: { memory } });
    return {
      exports: exports as unknown as CoreExports, simd: true, relaxedSimd: false, build: 'release',
      shared: { module, memory, spawnWorker: spawnThreadWorker, canBlock: mainThreadCanBlock },
    };
  }
  const module = wasm === undefined ? await packagedModule(build, variant, wasmBase) : await compileSource(wasm);
  const { exports } = await instantiate<Record<string, unknown>>(module, {});
  const core = exports as unknown as CoreExports;
  if (typeof core.core_features !== 'function' || typeof core.arena_alloc !== 'function') {
    throw new TypeError('load: wasm is not an rnnkit core module (core_features/arena_alloc missing)');
  }
  return {
    exports: core,
    simd: (core.core_features() & 1) === 1,
    relaxedSimd: (core.core_features() & 2) === 2,
    build: wasm === undefined ? build : 'custom',
  };
}
