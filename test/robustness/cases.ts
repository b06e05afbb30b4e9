/**
 * The bad-input table: each case is one thing a user might get wrong, with the error it must
 * produce. API cases run in-process against one runtime; CLI cases run the built `rnnkit`.
 * `message` must name the parameter (or the file and line); `type` is the error class expected
 * (Error for lifetime errors, which are not about a value's range or type).
 */
import {
  autocorrelation, axpy, connectivityMotifs, csrFromTriplets, dot, eigDense, eigs, eigsh, eiNetwork, functionTarget,
  gaussianNetwork, intrinsicTimescales, load, lognormalLogParams, lognormalNetwork, lowRankNetwork, lyapunovExponents,
  network, norm, ouTarget, parseCsvEdges, parseMatrixMarket, participationRatio, randomModeNetwork, readNetwork, type Runtime,
  scale, scsAutocorrelation, sequenceTarget, simulateRate, sinesTarget, spearman, trainForce, trainSpikingForce, trainRecurrentSpikingForce, arrayTarget,
  applyNonlinearity, inverseParticipationRatio,
} from '../../src/index.js';

export interface ApiCase {
  name: string;
  run: (rt: Runtime) => unknown;
  type: ErrorConstructor | RangeErrorConstructor | TypeErrorConstructor;
  message: RegExp;
}

const MTX = '%%MatrixMarket matrix coordinate real general';
const mtx = (...lines: string[]) => [MTX, ...lines].join('\n');
const csv = (...lines: string[]) => ['post,pre,weight', ...lines].join('\n');
const sample = (nSamples: number, nUnits: number, fill = (k: number) => Math.sin(k)) =>
  ({ nSamples, nUnits, values: Float64Array.from({ length: nSamples * nUnits }, (_, k) => fill(k)) });

/** A small network for the dynamics cases (disposed with the runtime at the end of the suite). */
const tiny = (rt: Runtime) => gaussianNetwork(rt, { n: 20, g: 1.5, seed: 1 });
const aborted = () => {
  const controller = new AbortController();
  controller.abort();
  return controller.signal;
};

const range = RangeError;
const type = TypeError;
const lifetime = Error;

export const API_CASES: ApiCase[] = [
  // --- buffers: sizes, values, types
  { name: 'rt.f64 negative n', run: (rt) => rt.f64(-1), type: range, message: /rt\.f64: n must be an integer ≥ 0/ },
  { name: 'rt.f64 fractional n', run: (rt) => rt.f64(2.5), type: range, message: /rt\.f64: n must be an integer/ },
  { name: 'rt.f64 NaN n', run: (rt) => rt.f64(Number.NaN), type: range, message: /rt\.f64: n must be an integer.*NaN/ },
  { name: 'rt.f64 Infinity n', run: (rt) => rt.f64(Infinity), type: range, message: /rt\.f64: n must be an integer/ },
  { name: 'rt.f64 string n', run: (rt) => rt.f64('10' as unknown as number), type: range, message: /rt\.f64: n must be an integer.*"10"/ },
  { name: 'rt.f64 beyond one WASM buffer', run: (rt) => rt.f64(2 ** 28), type: range, message: /rt\.f64: n = 268435456 needs .* bytes/ },
  { name: 'rt.i32 beyond one WASM buffer', run: (rt) => rt.i32(2 ** 29), type: range, message: /rt\.i32: n = 536870912 needs/ },
  { name: 'rt.f64From NaN entry', run: (rt) => rt.f64From([1, Number.NaN]), type: range, message: /values\[1\] must be a finite number/ },
  { name: 'rt.f64From -Infinity entry', run: (rt) => rt.f64From([-Infinity]), type: range, message: /values\[0\] must be a finite number/ },
  { name: 'rt.f64From a number', run: (rt) => rt.f64From(3 as unknown as number[]), type: type, message: /rt\.f64From: values must be an array/ },
  { name: 'rt.f64From null', run: (rt) => rt.f64From(null as unknown as number[]), type: type, message: /rt\.f64From: values must be an array.*null/ },
  { name: 'rt.f64From strings', run: (rt) => rt.f64From(['1'] as unknown as number[]), type: range, message: /values\[0\] must be a finite number.*"1"/ },
  { name: 'rt.i32From out of range', run: (rt) => rt.i32From([2 ** 31]), type: range, message: /values\[0\] must be an integer in \[-2147483648/ },
  { name: 'rt.i32From fraction', run: (rt) => rt.i32From([0.5]), type: range, message: /values\[0\] must be an integer/ },
  { name: 'F64Buffer.set overflow', run: (rt) => rt.f64(2).set([1, 2, 3]), type: range, message: /3 values at offset 0 do not fit/ },
  { name: 'F64Buffer.set negative offset', run: (rt) => rt.f64(2).set([1], -1), type: range, message: /offset must be an integer ≥ 0/ },
  { name: 'F64Buffer.fill NaN', run: (rt) => rt.f64(2).fill(Number.NaN), type: range, message: /fill: value must be a finite number/ },
  { name: 'rt.dense zero rows', run: (rt) => rt.dense(0, 2), type: range, message: /nRows/ },
  { name: 'rt.dense wrong value count', run: (rt) => rt.dense(2, 2, [1, 2, 3]), type: range, message: /values/ },
  { name: 'rt.dense NaN value', run: (rt) => rt.dense(1, 2, [1, Number.NaN]), type: range, message: /values\[1\] must be a finite number/ },
  { name: 'rt.dense beyond one WASM buffer', run: (rt) => rt.dense(20_000, 20_000), type: range, message: /bytes/ },
  // --- CSR validation
  ...csrCases(),
  // --- disposed and foreign handles
  { name: 'disposed buffer ptr', run: (rt) => { const x = rt.f64(1); x.dispose(); return x.ptr; }, type: lifetime, message: /F64Buffer used after dispose\(\)/ },
  { name: 'disposed buffer view', run: (rt) => { const x = rt.f64(1); x.dispose(); return x.view(); }, type: lifetime, message: /used after dispose/ },
  { name: 'disposed buffer set', run: (rt) => { const x = rt.f64(1); x.dispose(); return x.set([1]); }, type: lifetime, message: /used after dispose/ },
  { name: 'disposed buffer in dot', run: (rt) => { const x = rt.f64(2); x.dispose(); return dot(rt, x, rt.f64(2)); }, type: lifetime, message: /dot: x \(F64Buffer\) used after dispose/ },
  { name: 'disposed buffer in axpy', run: (rt) => { const y = rt.f64(2); y.dispose(); return axpy(rt, 1, rt.f64(2), y); }, type: lifetime, message: /axpy: y .*used after dispose/ },
  { name: 'disposed dense multiply', run: (rt) => { const a = rt.dense(2, 2); a.dispose(); return a.multiply(rt.f64(2)); }, type: lifetime, message: /DenseMatrix\.multiply: matrix used after dispose/ },
  { name: 'disposed CSR multiply', run: (rt) => { const a = rt.csr({ nRows: 1, nCols: 1, rowPtr: [0, 1], colIdx: [0], values: [1] }); a.dispose(); return a.multiply(rt.f64(1)); }, type: lifetime, message: /CsrMatrix\.multiply: matrix used after dispose/ },
  { name: 'disposed rng', run: (rt) => { const r = rt.rng(1); r.dispose(); return r.normal(2); }, type: lifetime, message: /used after dispose/ },
  { name: 'disposed network simulated', run: async (rt) => { const net = tiny(rt); net.dispose(); return simulateRate(rt, { connectivity: net }, { t: 1 }); }, type: lifetime, message: /dispose/ },
  { name: 'foreign buffer in dot', run: async (rt) => { const other = await load(); return dot(rt, other.f64(2), rt.f64(2)); }, type: lifetime, message: /dot: x belongs to another rnnkit runtime/ },
  { name: 'foreign buffer in CSR multiply', run: async (rt) => { const other = await load(); const a = rt.csr({ nRows: 1, nCols: 1, rowPtr: [0, 1], colIdx: [0], values: [1] }); return a.multiply(other.f64(1)); }, type: lifetime, message: /belongs to another rnnkit runtime/ },
  { name: 'foreign network simulated', run: async (rt) => { const other = await load(); return simulateRate(rt, { connectivity: tiny(other) }, { t: 1 }); }, type: lifetime, message: /another rnnkit runtime|runtime/ },
  // --- BLAS-1 and nonlinearities
  { name: 'dot length mismatch', run: (rt) => dot(rt, rt.f64(2), rt.f64(3)), type: range, message: /dot: .*length/ },
  { name: 'axpy NaN alpha', run: (rt) => axpy(rt, Number.NaN, rt.f64(2), rt.f64(2)), type: range, message: /axpy: alpha must be a finite number/ },
  { name: 'scale Infinity alpha', run: (rt) => scale(rt, Infinity, rt.f64(2)), type: range, message: /scale: alpha must be a finite number/ },
  { name: 'norm of a plain array', run: (rt) => norm(rt, [1, 2] as never), type: type, message: /norm: x must be an F64Buffer/ },
  { name: 'applyNonlinearity unknown name', run: (rt) => applyNonlinearity(rt, 'sigmoidal' as never, rt.f64(2)), type: range, message: /'tanh'.*\(got "sigmoidal"\)/ },
  { name: 'applyNonlinearity out length', run: (rt) => applyNonlinearity(rt, 'tanh', rt.f64(2), rt.f64(3)), type: range, message: /out/ },
  // --- random generators
  { name: 'rng bad seed type', run: (rt) => rt.rng({} as never), type: type, message: /seed/ },
  { name: 'rng normal negative n', run: (rt) => rt.rng(1).normal(-3), type: range, message: /n must be an integer ≥ 0/ },
  { name: 'rng normal NaN std', run: (rt) => rt.rng(1).normal(3, 0, Number.NaN), type: range, message: /std/ },
  { name: 'lognormal params negative cv', run: () => lognormalLogParams({ mean: 1, cv: -1 }), type: range, message: /cv/ },
  { name: 'lognormal params zero mean', run: () => lognormalLogParams({ mean: 0, cv: 1 }), type: range, message: /mean/ },
  // --- connectivity models
  ...networkCases(),
  // --- files: malformed, hostile, oversized
  ...fileCases(),
  // --- dynamics
  { name: 'simulate t NaN', run: (rt) => simulateRate(rt, { connectivity: tiny(rt) }, { t: Number.NaN }), type: range, message: /\bt must be a finite number/ },
  { name: 'simulate t negative', run: (rt) => simulateRate(rt, { connectivity: tiny(rt) }, { t: -1 }), type: range, message: /\bt must be/ },
  { name: 'simulate dt zero', run: (rt) => simulateRate(rt, { connectivity: tiny(rt) }, { t: 1, dt: 0 }), type: range, message: /\bdt must be > 0/ },
  { name: 'simulate dt Infinity', run: (rt) => simulateRate(rt, { connectivity: tiny(rt) }, { t: 1, dt: Infinity }), type: range, message: /\bdt must be a finite number/ },
  { name: 'simulate Euler dt ≥ τ', run: (rt) => simulateRate(rt, { connectivity: tiny(rt) }, { t: 10, dt: 1.5, integrator: 'euler' }), type: range, message: /dt/ },
  { name: 'simulate unknown integrator', run: (rt) => simulateRate(rt, { connectivity: tiny(rt) }, { t: 1, integrator: 'leapfrog' as never }), type: range, message: /integrator must be one of/ },
  { name: 'simulate unknown phi', run: (rt) => simulateRate(rt, { connectivity: tiny(rt), phi: 'softplus' as never }, { t: 1 }), type: range, message: /phi must be one of/ },
  { name: 'simulate negative noise', run: (rt) => simulateRate(rt, { connectivity: tiny(rt), noise: -1 }, { t: 1 }), type: range, message: /noise/ },
  { name: 'simulate transient beyond t', run: (rt) => simulateRate(rt, { connectivity: tiny(rt) }, { t: 1, transient: 2 }), type: range, message: /transient/ },
  { name: 'simulate record every 0', run: (rt) => simulateRate(rt, { connectivity: tiny(rt) }, { t: 1, record: { units: 'all', every: 0 } }), type: range, message: /every/ },
  { name: 'simulate record unit out of range', run: (rt) => simulateRate(rt, { connectivity: tiny(rt) }, { t: 1, record: { units: [0, 99] } }), type: range, message: /units/ },
  { name: 'simulate unknown option', run: (rt) => simulateRate(rt, { connectivity: tiny(rt) }, { t: 1, steps: 5 } as never), type: range, message: /steps/ },
  { name: 'simulate missing connectivity', run: (rt) => simulateRate(rt, {} as never, { t: 1 }), type: type, message: /connectivity/ },
  { name: 'simulate aborted', run: (rt) => simulateRate(rt, { connectivity: tiny(rt) }, { t: 5, signal: aborted() }), type: lifetime, message: /cancelled at/ },
  { name: 'simulate wrong-size x0', run: (rt) => simulateRate(rt, { connectivity: tiny(rt) }, { t: 1, x0: [1, 2] }), type: range, message: /x0 has length 2, expected n = 20/ },
  { name: 'lyapunov k zero', run: (rt) => lyapunovExponents(rt, { connectivity: tiny(rt) }, { t: 5, k: 0 }), type: range, message: /\bk must be an integer/ },
  { name: 'lyapunov k beyond n', run: (rt) => lyapunovExponents(rt, { connectivity: tiny(rt) }, { t: 5, k: 21 }), type: range, message: /\bk must be an integer/ },
  { name: 'lyapunov aborted', run: (rt) => lyapunovExponents(rt, { connectivity: tiny(rt) }, { t: 50, signal: aborted() }), type: lifetime, message: /cancelled at/ },
  { name: 'lyapunov NaN t', run: (rt) => lyapunovExponents(rt, { connectivity: tiny(rt) }, { t: Number.NaN }), type: range, message: /\bt must be a finite number/ },
  // --- analysis
  { name: 'participationRatio NaN sample', run: (rt) => participationRatio(rt, sample(10, 2, (k) => (k === 3 ? Number.NaN : k))), type: range, message: /values\[3\]|finite/ },
  { name: 'participationRatio wrong shape', run: (rt) => participationRatio(rt, { nSamples: 3, nUnits: 2, values: new Float64Array(5) }), type: range, message: /values/ },
  { name: 'participationRatio not a matrix', run: (rt) => participationRatio(rt, 5 as never), type: range, message: /participationRatio: nSamples/ },
  { name: 'autocorrelation sampleDt 0', run: (rt) => autocorrelation(rt, sample(20, 2), { sampleDt: 0 }), type: range, message: /sampleDt must be > 0/ },
  { name: 'autocorrelation maxLag beyond samples', run: (rt) => autocorrelation(rt, sample(20, 2), { sampleDt: 1, maxLag: 21 }), type: range, message: /maxLag must be an integer in \[1, 20\]/ },
  { name: 'autocorrelation Infinity sample', run: (rt) => autocorrelation(rt, sample(20, 2, (k) => (k === 5 ? Infinity : 0)), { sampleDt: 1 }), type: range, message: /finite/ },
  { name: 'timescales degrees length', run: (rt) => intrinsicTimescales(rt, sample(32, 2), { sampleDt: 1, degrees: [1] }), type: range, message: /degrees has length 1, expected nUnits = 2/ },
  { name: 'timescales negative activityFloor', run: (rt) => intrinsicTimescales(rt, sample(32, 2), { sampleDt: 1, activityFloor: -1 }), type: range, message: /activityFloor must be ≥ 0/ },
  { name: 'spearman length mismatch', run: () => spearman([1, 2], [1]), type: range, message: /spearman: lengths differ/ },
  { name: 'motifs of a 2×2 matrix', run: (rt) => connectivityMotifs(rt, rt.dense(2, 2, [0, 1, 2, 0])), type: range, message: /n must be ≥ 3/ },
  { name: 'motifs of a plain object', run: (rt) => connectivityMotifs(rt, {} as never), type: type, message: /matrix must be a DenseMatrix or CsrMatrix/ },
  { name: 'motifs of a constant matrix', run: (rt) => connectivityMotifs(rt, rt.dense(3, 3)), type: range, message: /σ² = 0/ },
  { name: 'inverseParticipationRatio of strings', run: () => inverseParticipationRatio(['a'] as never), type: range, message: /finite|number/ },
  // --- eigensolvers
  { name: 'eigDense of a non-square matrix', run: (rt) => eigDense(rt, rt.dense(2, 3)), type: range, message: /square/ },
  { name: 'eigDense NaN entries', run: (rt) => eigDense(rt, { n: 2, values: [1, Number.NaN, 0, 1] } as never), type: range, message: /finite|values/ },
  { name: 'eigs tol negative', run: (rt) => eigs(rt, tiny(rt), { k: 2, tol: -1 }), type: range, message: /tol/ },
  { name: 'eigs unknown which', run: (rt) => eigs(rt, tiny(rt), { k: 2, which: 'XX' as never }), type: range, message: /which must be one of/ },
  { name: 'eigs k zero', run: (rt) => eigs(rt, tiny(rt), { k: 0 }), type: range, message: /\bk must be an integer/ },
  { name: 'eigs not an operator', run: (rt) => eigs(rt, {} as never, { k: 1 }), type: type, message: /op/ },
  { name: 'eigsh ncv too small', run: (rt) => eigsh(rt, tiny(rt), { k: 3, ncv: 2 }), type: range, message: /ncv/ },
  { name: 'eigsh maxRestarts negative', run: (rt) => eigsh(rt, tiny(rt), { k: 2, maxRestarts: -1 }), type: range, message: /maxRestarts/ },
  // --- theory
  { name: 'scsAutocorrelation g NaN', run: () => scsAutocorrelation(Number.NaN), type: range, message: /\bg must be a finite number/ },
  { name: 'scsAutocorrelation dtau 0', run: () => scsAutocorrelation(2, { dtau: 0 }), type: range, message: /dtau must be in/ },
  // --- FORCE targets and training
  { name: 'sequenceTarget m 0', run: () => sequenceTarget({ m: 0 }), type: range, message: /sequenceTarget: m must be an integer ≥ 1/ },
  { name: 'sequenceTarget width negative', run: () => sequenceTarget({ width: -1 }), type: range, message: /sequenceTarget: width must be/ },
  { name: 'sequenceTarget NaN baseline', run: () => sequenceTarget({ baseline: Number.NaN }), type: range, message: /baseline must be a finite number/ },
  { name: 'sequenceTarget unknown option', run: () => sequenceTarget({ height: 2 } as never), type: range, message: /height/ },
  { name: 'sinesTarget NaN amplitude entry', run: () => sinesTarget({ amplitudes: [1, Number.NaN] }), type: range, message: /amplitudes\[1\] must be a finite number/ },
  { name: 'sinesTarget period 0', run: () => sinesTarget({ period: 0 }), type: range, message: /period must be > 0/ },
  { name: 'ouTarget tauCorr 0', run: (rt) => ouTarget(rt, { tauCorr: 0 }), type: range, message: /tauCorr must be > 0/ },
  { name: 'ouTarget amplitude negative', run: (rt) => ouTarget(rt, { amplitude: -1 }), type: range, message: /amplitude must be > 0/ },
  { name: 'arrayTarget wrong length', run: () => arrayTarget([1, 2, 3], { m: 2, dt: 0.1, period: 0.3 }), type: range, message: /values|length/ },
  { name: 'arrayTarget NaN value', run: () => arrayTarget([1, Number.NaN], { m: 1, dt: 0.1, period: 0.2 }), type: range, message: /values\[1\] must be a finite number/ },
  { name: 'functionTarget returns NaN', run: () => functionTarget(() => Number.NaN, { m: 1, dt: 0.1, period: 1 }), type: range, message: /finite/ },
  { name: 'trainForce unknown mode', run: (rt) => trainForce(rt, { mode: 'hebbian', target: sinesTarget() } as never), type: range, message: /mode must be one of/ },
  { name: 'trainForce alpha 0', run: (rt) => trainForce(rt, { mode: 'readout', target: sinesTarget(), n: 50, alpha: 0 }), type: range, message: /alpha must be > 0/ },
  { name: 'trainForce dt differs from target', run: (rt) => trainForce(rt, { mode: 'readout', target: sinesTarget({ dt: 0.1 }), n: 50, dt: 0.05 }), type: range, message: /dt/ },
  { name: 'trainForce n 1', run: (rt) => trainForce(rt, { mode: 'readout', target: sinesTarget(), n: 1 }), type: range, message: /\bn must be an integer/ },
  { name: 'trainForce target missing', run: (rt) => trainForce(rt, { mode: 'readout', n: 50 } as never), type: type, message: /target/ },
  { name: 'trainForce learnEvery 0', run: (rt) => trainForce(rt, { mode: 'readout', target: sinesTarget(), n: 50, learnEvery: 0 }), type: range, message: /learnEvery must be an integer ≥ 1/ },
  { name: 'trainForce trained neurons beyond n', run: (rt) => trainForce(rt, { mode: 'recurrent', target: sequenceTarget({ m: 60 }), n: 50 }), type: range, message: /trainedNeurons|m/ },
  { name: 'trainForce aborted', run: (rt) => trainForce(rt, { mode: 'readout', target: sinesTarget({ period: 10 }), n: 50, trainPeriods: 1, signal: aborted() } as never), type: lifetime, message: /cancelled at/ },
  { name: 'trainSpikingForce unknown neuron', run: (rt) => trainSpikingForce(rt, { target: sinesTarget({ dt: 0.05, period: 20 }), neuron: 'adex' as never }), type: range, message: /neuron must be one of/ },
  { name: 'trainSpikingForce target missing', run: (rt) => trainSpikingForce(rt, { n: 20 } as never), type: type, message: /target/ },
  { name: 'trainRecurrentSpikingForce target/trained mismatch', run: (rt) => trainRecurrentSpikingForce(rt, { target: sinesTarget({ m: 3, dt: 0.05, period: 20 }), n: 20, trainedNeurons: [0, 1] }), type: range, message: /target has m = 3 outputs but 2 neurons are trained/ },
  { name: 'trainRecurrentSpikingForce targetScale', run: (rt) => trainRecurrentSpikingForce(rt, { target: sinesTarget({ m: 2, dt: 0.05, period: 20 }), n: 20, targetScale: 0 }), type: range, message: /targetScale/ },
  { name: 'trainSpikingForce recurrent-only option', run: (rt) => trainSpikingForce(rt, { target: sinesTarget({ dt: 0.05, period: 20 }), n: 20, trainedNeurons: 1 } as never), type: range, message: /trainedNeurons/ },
  { name: 'trainSpikingForce aborted', run: (rt) => trainSpikingForce(rt, { target: sinesTarget({ dt: 0.05, period: 20 }), n: 20, trainPeriods: 1, testPeriods: 1, signal: aborted() } as never), type: lifetime, message: /cancelled at/ },
];

function csrCases(): ApiCase[] {
  const ok = { nRows: 2, nCols: 2, rowPtr: [0, 1, 2], colIdx: [0, 1], values: [1, 1] };
  const c = (name: string, patch: object, message: RegExp, error: ApiCase['type'] = range): ApiCase =>
    ({ name: `rt.csr ${name}`, run: (rt) => rt.csr({ ...ok, ...patch }), type: error, message });
  return [
    c('nRows 0', { nRows: 0, rowPtr: [0] }, /nRows must be an integer in \[1/),
    c('nCols NaN', { nCols: Number.NaN }, /nCols must be an integer/),
    c('rowPtr too short', { rowPtr: [0, 1] }, /rowPtr has length 2, expected nRows \+ 1 = 3/),
    c('rowPtr[0] ≠ 0', { rowPtr: [1, 1, 2] }, /rowPtr\[0\] must be 0/),
    c('rowPtr decreasing', { rowPtr: [0, 2, 1] }, /rowPtr must be non-decreasing/),
    c('rowPtr negative', { rowPtr: [0, -1, 2] }, /rowPtr\[1\] must be an integer in \[0/),
    c('rowPtr not an array', { rowPtr: 'abc' }, /rowPtr must be an array/, type),
    c('colIdx length', { colIdx: [0] }, /colIdx has length 1, expected rowPtr\[nRows\] = 2/),
    c('colIdx out of range', { colIdx: [0, 2] }, /colIdx\[1\] must be an integer in \[0, 1\] \(got 2\)/),
    c('colIdx negative', { colIdx: [-1, 0] }, /colIdx\[0\] must be an integer in \[0, 1\]/),
    c('colIdx fraction', { colIdx: [0, 0.5] }, /colIdx\[1\] must be an integer/),
    c('values length', { values: [1] }, /values has length 1, expected rowPtr\[nRows\] = 2/),
    c('values NaN', { values: [Number.NaN, 1] }, /values\[0\] must be a finite number/),
    c('values Infinity', { values: [1, Infinity] }, /values\[1\] must be a finite number \(got Infinity\)/),
    c('duplicate column (sorted row)', { nRows: 1, rowPtr: [0, 2], colIdx: [1, 1] }, /row 0 lists column 1 more than once/),
    c('duplicate column (unsorted row)', { nRows: 1, nCols: 3, rowPtr: [0, 3], colIdx: [2, 0, 2], values: [1, 1, 1] }, /row 0 lists column 2 more than once \(colIdx\[0\], colIdx\[2\]\)/),
    c('nnz beyond WASM memory', { nRows: 1, rowPtr: [0, 2 ** 28], colIdx: { length: 2 ** 28 }, values: [] }, /colIdx must be an array|values has length/),
  ];
}

function networkCases(): ApiCase[] {
  const g = (name: string, options: unknown, message: RegExp, error: ApiCase['type'] = range): ApiCase =>
    ({ name: `gaussianNetwork ${name}`, run: (rt) => gaussianNetwork(rt, options as never), type: error, message });
  const l = (name: string, options: object, message: RegExp): ApiCase =>
    ({ name: `lognormalNetwork ${name}`, run: (rt) => lognormalNetwork(rt, options as never), type: range, message });
  return [
    g('n 0', { n: 0 }, /gaussianNetwork: n must be an integer in \[1/),
    g('n negative', { n: -5 }, /gaussianNetwork: n must be an integer/),
    g('n fractional', { n: 10.5 }, /gaussianNetwork: n must be an integer/),
    g('n string', { n: '100' }, /gaussianNetwork: n must be an integer.*"100"/),
    g('n beyond dense WASM memory', { n: 50_000 }, /n/),
    g('g NaN', { n: 10, g: Number.NaN }, /gaussianNetwork: g must be a finite number/),
    g('g negative', { n: 10, g: -1 }, /gaussianNetwork: g must be ≥ 0/),
    g('eta beyond 1', { n: 10, eta: 1.5 }, /gaussianNetwork: eta must be in \[-1, 1\]/),
    g('eta Infinity', { n: 10, eta: -Infinity }, /gaussianNetwork: eta must be a finite number/),
    g('unknown option', { n: 10, gain: 2 }, /gain/),
    g('options not an object', 5, /options/, type),
    l('k 0', { n: 100, k: 0 }, /lognormalNetwork: k must satisfy 0 < k < n = 100/),
    l('k = n', { n: 100, k: 100 }, /lognormalNetwork: k must satisfy 0 < k < n/),
    l('k NaN', { n: 100, k: Number.NaN }, /lognormalNetwork: k must be a finite number/),
    l('cv negative', { n: 100, k: 10, cv: -0.1 }, /lognormalNetwork: cv must be ≥ 0/),
    l('degreeCorrelation beyond 1', { n: 100, k: 10, degreeCorrelation: 2 }, /degreeCorrelation must be in \[-1, 1\]/),
    l('edges beyond WASM memory', { n: 2_000_000, k: 1000 }, /edges exceed/),
    l('k missing', { n: 100 }, /lognormalNetwork: k must be a finite number/),
    { name: 'network unknown model', run: (rt) => network(rt, { model: 'smallworld' } as never), type: range, message: /model must be one of/ },
    { name: 'network no model', run: (rt) => network(rt, { n: 10 } as never), type: range, message: /model/ },
    { name: 'randomModeNetwork unknown spectrum', run: (rt) => randomModeNetwork(rt, { n: 20, rank: 3, spectrum: 'cubic' } as never), type: range, message: /spectrum/ },
    { name: 'randomModeNetwork rank beyond n', run: (rt) => randomModeNetwork(rt, { n: 20, rank: 30 } as never), type: range, message: /rank/ },
    { name: 'randomModeNetwork overlap beyond 1', run: (rt) => randomModeNetwork(rt, { n: 20, rank: 3, overlap: 2 } as never), type: range, message: /overlap/ },
    { name: 'eiNetwork fracExc 1.5', run: (rt) => eiNetwork(rt, { n: 100, k: 10, fracExc: 1.5 } as never), type: range, message: /fracExc/ },
    { name: 'eiNetwork unknown inDegree', run: (rt) => eiNetwork(rt, { n: 100, k: 10, inDegree: 'random' } as never), type: range, message: /inDegree/ },
    { name: 'lowRankNetwork rank 0', run: (rt) => lowRankNetwork(rt, { n: 20, rank: 0 } as never), type: range, message: /rank/ },
  ];
}

function fileCases(): ApiCase[] {
  const m = (name: string, text: string, message: RegExp): ApiCase =>
    ({ name: `MatrixMarket ${name}`, run: () => parseMatrixMarket(text, 'net.mtx'), type: range, message });
  const c = (name: string, text: string, message: RegExp, n?: number): ApiCase =>
    ({ name: `CSV ${name}`, run: () => parseCsvEdges(text, n === undefined ? {} : { n }, 'net.csv'), type: range, message });
  const longLine = 'x'.repeat(2 ** 20 + 1);
  return [
    m('empty', '', /net\.mtx: line 1: empty input/),
    m('wrong banner', '%%MatrixMarket tensor coordinate real general\n1 1 1\n1 1 1', /net\.mtx: line 1: expected a header/),
    m('unknown format', '%%MatrixMarket matrix sparse real general\n1 1 1\n1 1 1', /line 1: unsupported format 'sparse'/),
    m('unknown field', '%%MatrixMarket matrix coordinate complex general\n1 1 1\n1 1 1 0', /line 1: unsupported field 'complex'/),
    m('unknown symmetry', '%%MatrixMarket matrix coordinate real hermitian\n1 1 1\n1 1 1', /line 1: unsupported symmetry 'hermitian'/),
    m('missing size line', MTX, /line 2: missing the size line/),
    m('size line with two numbers', mtx('3 3'), /line 2: expected the size line "rows columns entries"/),
    m('negative size', mtx('-3 3 1', '1 1 1'), /line 2: rows must be an integer/),
    m('zero rows', mtx('0 3 1'), /line 2: rows must be an integer in \[1/),
    m('size NaN', mtx('NaN 3 1'), /line 2: rows must be an integer.*"NaN"/),
    m('declared rows beyond WASM memory', mtx('2000000000 2000000000 1', '1 1 1'), /net\.mtx: line 2: rows = 2000000000 exceeds 268435454, the most WASM memory can hold/),
    m('declared columns beyond WASM memory', mtx('10 500000000 1', '1 1 1'), /line 2: columns = 500000000 exceeds/),
    m('declared entries beyond WASM memory', mtx('10 10 999999999', '1 1 1'), /line 2: entries = 999999999 exceeds/),
    m('symmetric entries doubled beyond WASM memory', '%%MatrixMarket matrix coordinate real symmetric\n10 10 150000000\n1 1 1', /line 2: entries \(mirrored: 2 × entries\) = 300000000 exceeds/),
    m('array declared beyond WASM memory', '%%MatrixMarket matrix array real general\n100000 100000\n1', /line 2: rows × columns = 10000000000 exceeds/),
    m('size beyond i32', mtx('99999999999 3 1'), /line 2: rows must be an integer in \[1, 2147483647\]/),
    m('row index 0', mtx('3 3 1', '0 1 1'), /line 3: row must be an integer in \[1, 3\]/),
    m('column beyond size', mtx('3 3 1', '1 4 1'), /line 3: column must be an integer in \[1, 3\]/),
    m('NaN weight', mtx('3 3 1', '1 1 NaN'), /line 3: weight must be a finite number \(got "NaN"\)/),
    m('Infinity weight', mtx('3 3 1', '1 1 Infinity'), /line 3: weight must be a finite number/),
    m('overflowing weight', mtx('3 3 1', '1 1 1e999'), /line 3: weight must be a finite number \(got "1e999"\)/),
    m('hex weight', mtx('3 3 1', '1 1 0x10'), /line 3: weight must be a finite number/),
    m('too few fields', mtx('3 3 1', '1 1'), /line 3: expected "row column value"/),
    m('too many entries', mtx('3 3 1', '1 1 1', '2 2 2'), /line 4: more than the 1 entries the size line announced/),
    m('too few entries', mtx('3 3 2', '1 1 1'), /line 4: found 1 entries, the size line announced 2/),
    m('non-square symmetric', '%%MatrixMarket matrix coordinate real symmetric\n2 3 1\n1 1 1', /line 2: a symmetric matrix must be square/),
    m('array with two values on a line', '%%MatrixMarket matrix array real general\n2 1\n1 2', /line 3: expected one value per line/),
    m('array too many values', '%%MatrixMarket matrix array real general\n1 1\n1\n2', /line 4: more than the 1 values/),
    m('binary garbage', '\u0000\u0001\u0002\u00ff', /line 1: expected a header/),
    m('a line of a megabyte', `${MTX}\n%${longLine}`, /net\.mtx: line 2: longer than 1048576 characters/),
    c('missing header', '0,1,1', /net\.csv: line 1: expected the header "post,pre,weight"/),
    c('empty', '', /net\.csv: line 1: empty input/),
    c('two fields', csv('0,1'), /line 2: expected 3 fields "post,pre,weight" \(got 2\)/),
    c('negative index', csv('-1,0,1'), /line 2: post must be an integer in \[0/),
    c('index beyond WASM memory', csv('0,2000000000,1'), /net\.csv: line 2: n \(pre \+ 1\) = 2000000001 exceeds 268435454/),
    c('index beyond n', csv('0,5,1'), /line 2: pre must be an integer in \[0, 2\]/, 3),
    c('n beyond WASM memory', csv('0,1,1'), /n must be an integer in \[1, 268435454\]/, 2 ** 30),
    c('NaN weight', csv('0,1,NaN'), /line 2: weight must be a finite number \(got "NaN"\)/),
    c('fractional index', csv('0.5,1,1'), /line 2: post must be an integer/),
    c('no edges and no n', csv(), /no edges, and no n given/),
    c('a line of a megabyte', `post,pre,weight\n${longLine}`, /net\.csv: line 2: longer than 1048576 characters/),
    { name: 'readNetwork unknown format', run: (rt) => readNetwork(rt, 'x', 'json' as never), type: range, message: /format must be one of 'mtx', 'csv'/ },
    { name: 'readNetwork non-square file', run: (rt) => readNetwork(rt, mtx('2 3 1', '1 1 1'), 'mtx'), type: range, message: /must be square \(got 2×3\)/ },
    { name: 'csrFromTriplets NaN row (via rt.csr)', run: (rt) => rt.csr(csrFromTriplets({ nRows: 2, nCols: 2, rows: new Int32Array([0]), cols: new Int32Array([5]), values: new Float64Array([1]) })), type: range, message: /colIdx|rowPtr/ },
  ];
}

export interface CliCase {
  name: string;
  args: string[];
  /** Written to a temporary file whose path replaces `FILE` in args. */
  file?: { name: string; text: string };
  message: RegExp;
}

const hugeMtx = `${MTX}\n2000000000 2000000000 1\n1 1 1\n`;

export const CLI_CASES: CliCase[] = [
  { name: 'unknown command', args: ['simulatee'], message: /unknown command 'simulatee'/ },
  { name: 'unknown option', args: ['simulate', '--gain', '2'], message: /unknown option '--gain'/ },
  { name: 'network --n 0', args: ['network', '--model', 'gaussian', '--n', '0'], message: /--n must be an integer ≥ 1/ },
  { name: 'network --n abc', args: ['network', '--model', 'gaussian', '--n', 'abc'], message: /--n must be an integer/ },
  { name: 'network --n 1e99', args: ['network', '--model', 'gaussian', '--n', '1e99'], message: /--n must be an integer/ },
  { name: 'network --g NaN', args: ['network', '--model', 'gaussian', '--g', 'NaN'], message: /--g must be a finite number/ },
  { name: 'network --g Infinity', args: ['network', '--model', 'gaussian', '--g', 'Infinity'], message: /--g must be a finite number/ },
  { name: 'network --eta 2', args: ['network', '--model', 'gaussian', '--n', '10', '--eta', '2'], message: /--eta must be a finite number in \[-1, 1\]/ },
  { name: 'network unknown model', args: ['network', '--model', 'smallworld'], message: /--model.*smallworld|Allowed choices/ },
  { name: 'network --model and --matrix', args: ['network', '--model', 'gaussian', '--matrix', 'x.mtx'], message: /give only one of --model <model> and --matrix <file>/ },
  { name: 'network missing file', args: ['network', '--matrix', '/nonexistent/net.mtx'], message: /\/nonexistent\/net\.mtx/ },
  { name: 'network unknown file extension', args: ['network', '--matrix', 'net.json'], message: /file extension must be one of 'mtx', 'csv'/ },
  { name: 'network oversized MatrixMarket', args: ['network', '--matrix', 'FILE'], file: { name: 'huge.mtx', text: hugeMtx }, message: /huge\.mtx: line 2: rows = 2000000000 exceeds/ },
  { name: 'network oversized CSV', args: ['network', '--matrix', 'FILE'], file: { name: 'huge.csv', text: 'post,pre,weight\n0,2000000000,1\n' }, message: /huge\.csv: line 2: n \(pre \+ 1\) = 2000000001 exceeds/ },
  { name: 'network oversized array', args: ['network', '--matrix', 'FILE'], file: { name: 'array.mtx', text: '%%MatrixMarket matrix array real general\n100000 100000\n1\n' }, message: /array\.mtx: line 2: rows × columns = 10000000000 exceeds/ },
  { name: 'network malformed weight', args: ['network', '--matrix', 'FILE'], file: { name: 'bad.mtx', text: `${MTX}\n2 2 1\n1 1 one\n` }, message: /bad\.mtx: line 3: weight must be a finite number \(got "one"\)/ },
  { name: 'network file without newlines', args: ['network', '--matrix', 'FILE'], file: { name: 'long.csv', text: 'p'.repeat(3 * 2 ** 20) }, message: /long\.csv: line 1: longer than 1048576 characters/ },
  { name: 'network export to /proc', args: ['network', '--model', 'gaussian', '--n', '10', '--export', '/proc/rnnkit/x.mtx'], message: /\/proc\/rnnkit\/x\.mtx|ENOENT/ },
  { name: 'lognormal k ≥ n', args: ['network', '--model', 'lognormal', '--n', '100', '--k', '100'], message: /k must satisfy 0 < k < n = 100/ },
  { name: 'simulate --dt 0', args: ['simulate', '--dt', '0'], message: /--dt must be a finite number ≥ 0|dt must be > 0/ },
  { name: 'simulate --dt -1', args: ['simulate', '--dt', '-1'], message: /--dt must be a finite number ≥ 0/ },
  { name: 'simulate --t NaN', args: ['simulate', '--t', 'NaN'], message: /--t must be a finite number/ },
  { name: 'simulate unknown integrator', args: ['simulate', '--integrator', 'leapfrog'], message: /--integrator.*leapfrog|Allowed choices/ },
  { name: 'simulate unknown phi', args: ['simulate', '--phi', 'softplus'], message: /--phi.*softplus|Allowed choices/ },
  { name: 'simulate --record-every 0', args: ['simulate', '--record-every', '0'], message: /--record-every must be an integer ≥ 1/ },
  { name: 'simulate Euler dt ≥ τ', args: ['simulate', '--n', '20', '--integrator', 'euler', '--dt', '1.5', '--t', '10', '--transient', '0'], message: /dt/ },
  { name: 'lyapunov --exponents 0', args: ['lyapunov', '--exponents', '0'], message: /--exponents must be an integer ≥ 1/ },
  { name: 'sweep without values', args: ['sweep', '--param', 'g'], message: /--values|values/ },
  { name: 'sweep unknown param', args: ['sweep', '--param', 'colour', '--values', '1,2'], message: /--param|colour/ },
  { name: 'sweep NaN value', args: ['sweep', '--param', 'g', '--values', '1,NaN'], message: /--values|NaN/ },
  { name: 'spiking-timescales --k-e -1', args: ['spiking-timescales', '--k-e', '-1'], message: /--k-e must be a finite number ≥ 0/ },
  { name: 'spiking-timescales --t 100', args: ['spiking-timescales', '--t', '100'], message: /--t must be a finite number ≥ 300/ },
  { name: 'spiking-timescales --width 0', args: ['spiking-timescales', '--width', '0'], message: /neuron\.rateWidthMv must be > 0/ },
  { name: 'train unknown mode', args: ['train', '--mode', 'hebbian'], message: /--mode.*hebbian|Allowed choices/ },
  { name: 'train spiking recurrent too many outputs', args: ['train', '--network', 'spiking', '--mode', 'recurrent', '--n', '50', '--outputs', '60'], message: /target has m = 60 outputs but 50 neurons are trained/ },
  { name: 'train --alpha 0', args: ['train', '--alpha', '0', '--n', '50'], message: /alpha must be > 0/ },
  { name: 'train --baseline on sines', args: ['train', '--baseline', '1', '--n', '50'], message: /--baseline applies to --target sequence only/ },
  { name: 'train --outputs 0', args: ['train', '--outputs', '0'], message: /--outputs must be an integer ≥ 1/ },
  { name: 'train that does not learn', args: ['train', '--target', 'sequence', '--outputs', '1', '--n', '100', '--train-periods', '1', '--test-periods', '1', '--period', '30'], message: /not learned: test NRMSE .* > 0\.5/ },
  { name: 'motifs with no network', args: ['motifs'], message: /--model <model> and --matrix <file>/ },
  { name: 'report --out under /proc', args: ['report', '--quick', '--out', '/proc/rnnkit-report'], message: /cannot create \/proc\/rnnkit-report/ },
  { name: 'report --out through a file', args: ['report', '--quick', '--out', '/etc/hostname/report'], message: /is not a directory|ENOTDIR/ },
  { name: 'report --config missing', args: ['report', '--config', '/nonexistent.json'], message: /--config: cannot read \/nonexistent\.json/ },
  { name: 'report --config not JSON', args: ['report', '--config', 'FILE'], file: { name: 'bad.json', text: '{ nope' }, message: /bad\.json is not valid JSON/ },
  { name: 'report --config wrong types', args: ['report', '--config', 'FILE'], file: { name: 'types.json', text: '{"seed": [1], "lyapunov": {"networks": [], "sweep": {"param": "g", "values": ["a"]}}}' }, message: /seed|lyapunov\.sweep\.values\[0\]/ },
  { name: 'report --config unknown key', args: ['report', '--config', 'FILE'], file: { name: 'key.json', text: '{"spectrum": {}}' }, message: /spectrum|Unrecognized key/ },
  { name: 'report --config bad network', args: ['report', '--config', 'FILE'], file: { name: 'net.json', text: '{"spectra": {"networks": [{"label": "x", "model": "gaussian", "n": -1}]}}' }, message: /network 'x'.*n must be/ },
  { name: 'report --quick with --config', args: ['report', '--quick', '--config', 'x.json'], message: /--quick applies to the default experiment only/ },
  { name: 'bench unknown suite', args: ['bench', '--suite', 'gpu'], message: /--suite.*gpu|Allowed choices/ },
];
