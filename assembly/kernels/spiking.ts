/**
 * Spiking networks of mixed leaky (LIF) and quadratic (QIF) integrate-and-fire neurons and
 * Poisson-GLM neurons, with current-based exponential synapses (time in ms, voltage in mV relative to rest):
 *   τ_m dv_i/dt = a_i v_i (v_i − V_T)/ΔV − b_i v_i + μ_i + I_i      (LIF, GLM: a = 0, b = 1; QIF: a = 1, b = 0)
 *   τ_s dI_i/dt = −I_i
 * LIF/QIF: spike when v_i > θ (LIF θ = 20, QIF θ = V_peak), then v_i ← V_reset.
 * GLM (no threshold, no reset): spikes form an inhomogeneous Poisson process of rate
 *   ν(v) = ν_max · ½(1 + erf((v − θ)/(√2 σ)))      (ν_max Φ((v − θ)/σ), Φ the standard normal cdf),
 * with ν held at its value for the updated v over the step; the neuron spikes in step n with
 * probability P(≥ 1 event) = 1 − e^{−ν dt} = −expm1(−ν dt), drawn as one uniform u < P (after
 * the type's noise and Poisson draws), so a step holds at most one spike per neuron.
 *
 * One step n (Brian2's default schedule, so that spikes can be identical to Brian2's):
 *   (1) update (v, I) of every neuron from the old values;
 *   (2) spike test v > θ; a spike is recorded as (neuron, n);
 *   (3) for each spike of step n − D (D = uniform delay in steps, 0 by default), in increasing
 *       presynaptic index j, and each target i of j (increasing i): I_i += w_ij;
 *   (4) reset v ← V_reset (and start the refractory count).
 * Resetting in (2) is equivalent to (4): propagation touches only I.
 *
 * Integrators (per step, with Derived constants c_m = dt/τ_m, c_s = dt/τ_s, 1/ΔV, −V_T):
 *   euler (Brian2 `method='euler'`, term for term as Brian2 2.5.1 generates it):
 *     I' = (c_s·(−I)) + I
 *     v' = (c_m·(((I + μ) + ((1/ΔV)·((a·v)·(−V_T + v)))) − (b·v))) + v
 *   exact (exact propagators for the linear parts; NEST iaf_psc_exp):
 *     I' = P11·I,  v' = ((P22·v + P20·μ) + P21·I) + c_m·((1/ΔV)·((a·v)·(−V_T + v)))
 *     LIF: P22 = e^{−dt/τ_m}, P20 = 1 − P22, P21 = τ_s/(τ_s − τ_m)·(e^{−dt/τ_s} − e^{−dt/τ_m});
 *     QIF: P22 = 1, P20 = P21 = c_m (Euler for the quadratic part), P11 = e^{−dt/τ_s}.
 * External drive per type: white noise v' += σ√(dt/τ_m)·ξ, ξ ~ N(0, 1) (Euler–Maruyama, one
 * draw per integrated neuron in index order), and Poisson input I' += k·w_ext with
 * k ~ Poisson(λ), λ = (count·rate·dt) (one inversion draw per neuron after the noise draw).
 * Refractory neurons (counter > 0) keep v, do not spike, count down, and draw no noise.
 *
 * Per-type table (f64[3·SPK_STRIDE], row 0 = LIF, row 1 = QIF, row 2 = GLM), filled by the host
 * (src/dynamics/spiking-params.ts, Derived): fields SPK_A … SPK_GLM_INV_WIDTH below (the GLM's
 * ν_max·dt and 1/(√2 σ)). Neurons are stored
 * grouped by type (all LIF, then all QIF, then all GLM), so each type's loop runs on constants without
 * per-neuron selects; per neuron: μ f64[n], state v f64[n], I f64[n], refractory counters i32[n].
 * Synapses in presynaptic (transposed CSR) layout: preRowPtr i32[n+1], postIdx i32[nnz],
 * weights f64[nnz] or f32[nnz] (weightsF32 ≠ 0; each weight is widened to f64 before it is added).
 *
 * SIMD and scalar builds do the same IEEE operations per neuron (no reductions), so their spike
 * trains are identical. The SIMD update is used when no neuron type has refractoriness, noise or
 * Poisson input (the deterministic case); otherwise the scalar update runs in both builds. GLM
 * neurons always take the scalar update (they draw).
 * Memory contract: buffers do not alias; all 8-byte arrays are 8-byte aligned (the arena gives 16).
 */

// Per-type table fields (f64 each); the host mirrors them in src/wasm/abi.ts.
// @ts-ignore: decorator
@inline const SPK_A = 0;
// @ts-ignore: decorator
@inline const SPK_B = 1;
// @ts-ignore: decorator
@inline const SPK_CM = 2;
// @ts-ignore: decorator
@inline const SPK_CS = 3;
// @ts-ignore: decorator
@inline const SPK_INV_DV = 4;
// @ts-ignore: decorator
@inline const SPK_NEG_VT = 5;
// @ts-ignore: decorator
@inline const SPK_THETA = 6;
// @ts-ignore: decorator
@inline const SPK_RESET = 7;
// @ts-ignore: decorator
@inline const SPK_REFR_STEPS = 8;
// @ts-ignore: decorator
@inline const SPK_NOISE = 9;
// @ts-ignore: decorator
@inline const SPK_POISSON_LAMBDA = 10;
// @ts-ignore: decorator
@inline const SPK_POISSON_EXP = 11;
// @ts-ignore: decorator
@inline const SPK_POISSON_W = 12;
// @ts-ignore: decorator
@inline const SPK_P22 = 13;
// @ts-ignore: decorator
@inline const SPK_P20 = 14;
// @ts-ignore: decorator
@inline const SPK_P21 = 15;
// @ts-ignore: decorator
@inline const SPK_P11 = 16;
// @ts-ignore: decorator
@inline const SPK_GLM_RATE_DT = 17;
// @ts-ignore: decorator
@inline const SPK_GLM_INV_WIDTH = 18;
// @ts-ignore: decorator
@inline export const SPK_STRIDE = 19;
// @ts-ignore: decorator
@inline const TYPE_GLM = 2;

// @ts-ignore: decorator
@inline const INTEGRATOR_EULER = 0;

import { erfScalar } from "./inline/erf";
import { expm1Core } from "./inline/exp";
import { nextNormal, nextUniform } from "./inline/xoshiro";

// @ts-ignore: decorator
@inline
function par(table: usize, type: i32, field: i32): f64 {
  return load<f64>(table + ((<usize>(type * SPK_STRIDE + field)) << 3));
}

// @ts-ignore: decorator
@inline
function i32At(ptr: usize, k: i32): i32 {
  return load<i32>(ptr + (<usize>k << 2));
}

/** Whether the LIF or QIF type has refractoriness, noise or Poisson input (then every neuron takes the scalar path). */
function needsScalarPath(table: usize): bool {
  for (let t = 0; t < 2; t++) {
    if (par(table, t, SPK_REFR_STEPS) > 0.0 || par(table, t, SPK_NOISE) != 0.0 || par(table, t, SPK_POISSON_LAMBDA) > 0.0) {
      return true;
    }
  }
  return false;
}

/** k ~ Poisson(λ) by inversion from one uniform (e^{−λ} precomputed); λ is small per step. */
// @ts-ignore: decorator
@inline
function poissonCount(rngPtr: usize, lambda: f64, expMinusLambda: f64): i32 {
  const u = nextUniform(rngPtr);
  let k = 0;
  let p = expMinusLambda;
  let cdf = p;
  while (u >= cdf && p > 0.0) {
    k++;
    p *= lambda / <f64>k;
    cdf += p;
  }
  return k;
}

/**
 * Steps (1), (2), (4) for the neurons [from, to) of one type, scalar: updates v, I and refractory
 * counters and appends the (internal) indices of the neurons that spiked at listPtr; returns their count.
 */
function updateScalar(from: i32, to: i32, type: i32, table: usize, integrator: i32, muPtr: usize,
                      vPtr: usize, iPtr: usize, refrPtr: usize, rngPtr: usize, listPtr: usize): i32 {
  const a = par(table, type, SPK_A), b = par(table, type, SPK_B), cM = par(table, type, SPK_CM);
  const cS = par(table, type, SPK_CS), invDv = par(table, type, SPK_INV_DV), negVt = par(table, type, SPK_NEG_VT);
  const p22 = par(table, type, SPK_P22), p20 = par(table, type, SPK_P20), p21 = par(table, type, SPK_P21);
  const p11 = par(table, type, SPK_P11), theta = par(table, type, SPK_THETA), reset = par(table, type, SPK_RESET);
  const refrSteps = <i32>par(table, type, SPK_REFR_STEPS), noise = par(table, type, SPK_NOISE);
  const lambda = par(table, type, SPK_POISSON_LAMBDA), expLambda = par(table, type, SPK_POISSON_EXP);
  const wPoisson = par(table, type, SPK_POISSON_W);
  const euler = integrator == INTEGRATOR_EULER;
  const glm = type == TYPE_GLM;
  const glmRateDt = par(table, type, SPK_GLM_RATE_DT), glmInvWidth = par(table, type, SPK_GLM_INV_WIDTH);
  let count = 0;
  for (let i = from; i < to; i++) {
    const o = <usize>i << 3;
    const v = load<f64>(vPtr + o);
    const cur = load<f64>(iPtr + o);
    const mu = load<f64>(muPtr + o);
    const quad = invDv * ((a * v) * (negVt + v));
    let refr = i32At(refrPtr, i);
    let vNew = v;
    let iNew: f64;
    if (euler) {
      iNew = (cS * (-cur)) + cur;
      if (refr == 0) vNew = (cM * (((cur + mu) + quad) - (b * v))) + v;
    } else {
      iNew = p11 * cur;
      if (refr == 0) vNew = ((p22 * v + p20 * mu) + p21 * cur) + cM * quad;
    }
    if (refr == 0 && noise != 0.0) vNew += noise * nextNormal(rngPtr);
    if (lambda > 0.0) iNew += <f64>poissonCount(rngPtr, lambda, expLambda) * wPoisson;
    if (glm) {
      // P(spike in this step) = 1 − e^{−ν dt}, ν dt = ν_max dt · ½(1 + erf((v − θ)/(√2 σ))).
      const rateDt = glmRateDt * (0.5 * (1.0 + erfScalar((vNew - theta) * glmInvWidth)));
      if (nextUniform(rngPtr) < -expm1Core(-rateDt)) {
        store<i32>(listPtr + (<usize>count << 2), i);
        count++;
      }
    } else if (refr > 0) {
      refr--;
    } else if (vNew > theta) {
      store<i32>(listPtr + (<usize>count << 2), i);
      count++;
      vNew = reset;
      refr = refrSteps;
    }
    store<f64>(vPtr + o, vNew);
    store<f64>(iPtr + o, iNew);
    store<i32>(refrPtr + (<usize>i << 2), refr);
  }
  return count;
}

/**
 * The deterministic, non-refractory update of neurons [from, to) of one type, two at a time
 * (f64x2), each lane doing updateScalar's operations; the odd tail, and the whole range in the
 * scalar build, goes through updateScalar (refractory counters stay 0, no draws).
 */
function updateDeterministic(from: i32, to: i32, type: i32, table: usize, integrator: i32, muPtr: usize,
                             vPtr: usize, iPtr: usize, refrPtr: usize, listPtr: usize): i32 {
  let count = 0;
  let i = from;
  if (ASC_FEATURE_SIMD) {
    const euler = integrator == INTEGRATOR_EULER;
    const a = f64x2.splat(par(table, type, SPK_A)), b = f64x2.splat(par(table, type, SPK_B));
    const cM = f64x2.splat(par(table, type, SPK_CM)), invDv = f64x2.splat(par(table, type, SPK_INV_DV));
    const negVt = f64x2.splat(par(table, type, SPK_NEG_VT));
    const theta = f64x2.splat(par(table, type, SPK_THETA)), reset = f64x2.splat(par(table, type, SPK_RESET));
    // The factor on I: c_s (Euler) or P11 (exact).
    const cS = f64x2.splat(par(table, type, euler ? SPK_CS : SPK_P11));
    const p22 = f64x2.splat(par(table, type, SPK_P22)), p20 = f64x2.splat(par(table, type, SPK_P20));
    const p21 = f64x2.splat(par(table, type, SPK_P21));
    for (; i + 2 <= to; i += 2) {
      const o = <usize>i << 3;
      const v = v128.load(vPtr + o);
      const cur = v128.load(iPtr + o);
      const mu = v128.load(muPtr + o);
      const quad = f64x2.mul(invDv, f64x2.mul(f64x2.mul(a, v), f64x2.add(negVt, v)));
      let vNew: v128;
      if (euler) {
        v128.store(iPtr + o, f64x2.add(f64x2.mul(cS, f64x2.neg(cur)), cur));
        vNew = f64x2.add(f64x2.mul(cM, f64x2.sub(f64x2.add(f64x2.add(cur, mu), quad), f64x2.mul(b, v))), v);
      } else {
        v128.store(iPtr + o, f64x2.mul(cS, cur));
        const lin = f64x2.add(f64x2.add(f64x2.mul(p22, v), f64x2.mul(p20, mu)), f64x2.mul(p21, cur));
        vNew = f64x2.add(lin, f64x2.mul(cM, quad));
      }
      const fired = f64x2.gt(vNew, theta);
      const mask = i64x2.bitmask(fired);
      if (mask != 0) {
        if (mask & 1) {
          store<i32>(listPtr + (<usize>count << 2), i);
          count++;
        }
        if (mask & 2) {
          store<i32>(listPtr + (<usize>count << 2), i + 1);
          count++;
        }
        vNew = v128.bitselect(reset, vNew, fired);
      }
      v128.store(vPtr + o, vNew);
    }
  }
  return count + updateScalar(i, to, type, table, integrator, muPtr, vPtr, iPtr, refrPtr, 0, listPtr + (<usize>count << 2));
}

/** Step (3): I_i += w_ij for each listed presynaptic j (i32 at listPtr + k·stride) and each target i. */
function propagate(count: i32, listPtr: usize, stride: i32, preRowPtr: usize, postIdxPtr: usize,
                   weightsPtr: usize, weightsF32: i32, iPtr: usize): void {
  for (let k = 0; k < count; k++) {
    const j = load<i32>(listPtr + <usize>(k * stride));
    const end = i32At(preRowPtr, j + 1);
    if (weightsF32 != 0) {
      for (let s = i32At(preRowPtr, j); s < end; s++) {
        const target = iPtr + (<usize>i32At(postIdxPtr, s) << 3);
        store<f64>(target, load<f64>(target) + <f64>load<f32>(weightsPtr + (<usize>s << 2)));
      }
    } else {
      let s = i32At(preRowPtr, j);
      // Unrolled by 4 (V8 does not unroll); each update still completes before the next, so
      // repeated targets (duplicate entries) add up exactly as in the plain loop.
      for (; s + 4 <= end; s += 4) {
        const idx = postIdxPtr + (<usize>s << 2);
        const w = weightsPtr + (<usize>s << 3);
        const t0 = iPtr + (<usize>load<i32>(idx) << 3);
        store<f64>(t0, load<f64>(t0) + load<f64>(w));
        const t1 = iPtr + (<usize>load<i32>(idx, 4) << 3);
        store<f64>(t1, load<f64>(t1) + load<f64>(w, 8));
        const t2 = iPtr + (<usize>load<i32>(idx, 8) << 3);
        store<f64>(t2, load<f64>(t2) + load<f64>(w, 16));
        const t3 = iPtr + (<usize>load<i32>(idx, 12) << 3);
        store<f64>(t3, load<f64>(t3) + load<f64>(w, 24));
      }
      for (; s < end; s++) {
        const target = iPtr + (<usize>i32At(postIdxPtr, s) << 3);
        store<f64>(target, load<f64>(target) + load<f64>(weightsPtr + (<usize>s << 3)));
      }
    }
  }
}

/**
 * Advances the network by up to nSteps steps, numbered fromStep, fromStep + 1, … (the recorded
 * step of a spike), and returns the number of steps done. It stops early, before a step that
 * might not fit, when fewer than n free pairs remain in the spike buffer (i32[2·spikeCapacity]
 * of (neuron, step) pairs, neurons in the user's numbering, increasing within a step);
 * status i32[1] receives the number of pairs written.
 * Layout: neurons are stored by type (internal index k: LIF for k < nLif, QIF for nLif ≤ k < glmFrom,
 * then GLM), each type
 * in the user's order; perm i32[n] maps internal k to the user's index. μ, v, I, refractory
 * counters and postIdx (targets) use internal indices; preRowPtr rows are the user's j.
 * scratchPtr: i32[n]. Delay: delaySteps = D ≥ 1 keeps the spikes (user j) of the last D steps
 * in a ring (ringPtr: i32[D·n], ringCountsPtr: i32[D], zero at the start of a run); D = 0
 * propagates at once. Recording: before each step s (0-based within this call), (v, I) of the
 * nRec internal indices at recIdxPtr go to recPtr f64[2·(s·nRec + r) + {0, 1}] (Brian2's
 * StateMonitor: values at t = step·dt). rngPtr: an xoshiro256** state, drawn from (in internal
 * order) only when a type has noise or Poisson input, or there are GLM neurons (glmFrom < n).
 */
export function spiking_run_f64(n: i32, nLif: i32, glmFrom: i32, permPtr: usize, muPtr: usize, table: usize, integrator: i32,
                                vPtr: usize, iPtr: usize, refrPtr: usize, rngPtr: usize,
                                preRowPtr: usize, postIdxPtr: usize, weightsPtr: usize, weightsF32: i32,
                                delaySteps: i32, ringPtr: usize, ringCountsPtr: usize,
                                recIdxPtr: usize, nRec: i32, recPtr: usize, fromStep: i32, nSteps: i32,
                                spikesPtr: usize, spikeCapacity: i32, statusPtr: usize, scratchPtr: usize): i32 {
  const scalarPath = needsScalarPath(table);
  let written = 0;
  let s = 0;
  for (; s < nSteps; s++) {
    if (spikeCapacity - written < n) break;
    const step = fromStep + s;
    for (let r = 0; r < nRec; r++) {
      const k = <usize>i32At(recIdxPtr, r) << 3;
      const out = recPtr + (<usize>(s * nRec + r) << 4);
      store<f64>(out, load<f64>(vPtr + k));
      store<f64>(out, load<f64>(iPtr + k), 8);
    }
    const lif = scalarPath
      ? updateScalar(0, nLif, 0, table, integrator, muPtr, vPtr, iPtr, refrPtr, rngPtr, scratchPtr)
      : updateDeterministic(0, nLif, 0, table, integrator, muPtr, vPtr, iPtr, refrPtr, scratchPtr);
    const qifList = scratchPtr + (<usize>lif << 2);
    const qif = scalarPath
      ? updateScalar(nLif, glmFrom, 1, table, integrator, muPtr, vPtr, iPtr, refrPtr, rngPtr, qifList)
      : updateDeterministic(nLif, glmFrom, 1, table, integrator, muPtr, vPtr, iPtr, refrPtr, qifList);
    const glmList = qifList + (<usize>qif << 2);
    const glm = updateScalar(glmFrom, n, TYPE_GLM, table, integrator, muPtr, vPtr, iPtr, refrPtr, rngPtr, glmList);
    // Merge the three spike lists (each increasing in the user's index) into (user index, step) pairs.
    const listPtr = spikesPtr + (<usize>written << 3);
    let x = 0, y = 0, z = 0;
    for (let k = 0; k < lif + qif + glm; k++) {
      const userLif = x < lif ? i32At(permPtr, i32At(scratchPtr, x)) : i32.MAX_VALUE;
      const userQif = y < qif ? i32At(permPtr, i32At(qifList, y)) : i32.MAX_VALUE;
      const userGlm = z < glm ? i32At(permPtr, i32At(glmList, z)) : i32.MAX_VALUE;
      let user: i32;
      if (userLif < userQif && userLif < userGlm) {
        user = userLif;
        x++;
      } else if (userQif < userGlm) {
        user = userQif;
        y++;
      } else {
        user = userGlm;
        z++;
      }
      store<i32>(listPtr + (<usize>k << 3), user);
      store<i32>(listPtr + (<usize>k << 3), step, 4);
    }
    const count = lif + qif + glm;
    if (delaySteps == 0) {
      propagate(count, listPtr, 8, preRowPtr, postIdxPtr, weightsPtr, weightsF32, iPtr);
    } else {
      const slot = step % delaySteps;
      const slotPtr = ringPtr + (<usize>slot * <usize>n << 2);
      const countPtr = ringCountsPtr + (<usize>slot << 2);
      propagate(load<i32>(countPtr), slotPtr, 4, preRowPtr, postIdxPtr, weightsPtr, weightsF32, iPtr);
      for (let k = 0; k < count; k++) store<i32>(slotPtr + (<usize>k << 2), load<i32>(listPtr + (<usize>k << 3)));
      store<i32>(countPtr, count);
    }
    written += count;
  }
  store<i32>(statusPtr, written);
  return s;
}

/**
 * The presynaptic (transposed CSR) layout of a postsynaptic CSR matrix (row i = target i,
 * column j = source j) with values f64[nnz] (or f32[nnz] when valsF32 ≠ 0, widened exactly):
 * preRowPtr i32[nCols+1], postIdx i32[nnz], weights f64[nnz] (or f32[nnz], rounded to nearest
 * when weightsF32 ≠ 0; f32 → f32 is a plain copy); cursorPtr i32[nCols] is scratch. Row j of the result
 * lists the targets of j in increasing i, each stored as its internal index internal[i]
 * (internalPtr i32[nRows], spiking_run_f64's layout by type).
 */
export function spiking_presynaptic_csr(nRows: i32, nCols: i32, rowPtr: usize, colIdxPtr: usize, valsPtr: usize,
                                        internalPtr: usize, preRowPtr: usize, cursorPtr: usize, postIdxPtr: usize,
                                        weightsPtr: usize, weightsF32: i32, valsF32: i32): void {
  const nnz = i32At(rowPtr, nRows);
  memory.fill(cursorPtr, 0, <usize>nCols << 2);
  for (let k = 0; k < nnz; k++) {
    const c = cursorPtr + (<usize>i32At(colIdxPtr, k) << 2);
    store<i32>(c, load<i32>(c) + 1);
  }
  let offset = 0;
  for (let j = 0; j < nCols; j++) {
    store<i32>(preRowPtr + (<usize>j << 2), offset);
    const c = cursorPtr + (<usize>j << 2);
    const count = load<i32>(c);
    store<i32>(c, offset);
    offset += count;
  }
  store<i32>(preRowPtr + (<usize>nCols << 2), offset);
  for (let i = 0; i < nRows; i++) {
    const end = i32At(rowPtr, i + 1);
    for (let k = i32At(rowPtr, i); k < end; k++) {
      const c = cursorPtr + (<usize>i32At(colIdxPtr, k) << 2);
      const pos = load<i32>(c);
      store<i32>(c, pos + 1);
      store<i32>(postIdxPtr + (<usize>pos << 2), i32At(internalPtr, i));
      const w = valsF32 != 0 ? <f64>load<f32>(valsPtr + (<usize>k << 2)) : load<f64>(valsPtr + (<usize>k << 3));
      if (weightsF32 != 0) store<f32>(weightsPtr + (<usize>pos << 2), <f32>w);
      else store<f64>(weightsPtr + (<usize>pos << 3), w);
    }
  }
}

/**
 * Double-exponential synaptic filtering of one step's spikes (Nicola & Clopath 2017, forward Euler
 * in the order of their code), for the synaptic current s (weights w_ij of the presynaptic layout)
 * and for the filtered rates r (each neuron its own unit synapse):
 *   s ← (1 − dt/τ_r)·s + dt·h,   h ← (1 − dt/τ_d)·h + jump·Σ_{j spiked} w_{·j},
 *   r ← (1 − dt/τ_r)·r + dt·hr,  hr_j ← (1 − dt/τ_d)·hr_j + jump·[j spiked],
 * with riseFactor = 1 − dt/τ_r, decayFactor = 1 − dt/τ_d and jump = 1/(τ_r τ_d) (times a unit
 * factor: 1000 gives r in Hz when times are in ms), so that each spike adds a unit-area kernel.
 * spikesPtr: `count` (neuron, step) i32 pairs as spiking_run_f64 writes them (neuron in the user's
 * numbering, which indexes r, hr and preRowPtr rows); postIdx holds the targets' indices into s, h.
 * All f64 arrays have n entries; buffers do not alias.
 */
export function spiking_filter_f64(n: i32, count: i32, spikesPtr: usize, preRowPtr: usize, postIdxPtr: usize,
                                   weightsPtr: usize, riseFactor: f64, decayFactor: f64, dt: f64, jump: f64,
                                   sPtr: usize, hPtr: usize, rPtr: usize, hrPtr: usize): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(sPtr + o, riseFactor * load<f64>(sPtr + o) + dt * load<f64>(hPtr + o));
    store<f64>(hPtr + o, decayFactor * load<f64>(hPtr + o));
    store<f64>(rPtr + o, riseFactor * load<f64>(rPtr + o) + dt * load<f64>(hrPtr + o));
    store<f64>(hrPtr + o, decayFactor * load<f64>(hrPtr + o));
  }
  for (let k = 0; k < count; k++) {
    const j = load<i32>(spikesPtr + (<usize>k << 3));
    const hr = hrPtr + (<usize>j << 3);
    store<f64>(hr, load<f64>(hr) + jump);
    const end = i32At(preRowPtr, j + 1);
    for (let s = i32At(preRowPtr, j); s < end; s++) {
      const target = hPtr + (<usize>i32At(postIdxPtr, s) << 3);
      store<f64>(target, load<f64>(target) + jump * load<f64>(weightsPtr + (<usize>s << 3)));
    }
  }
}
