/**
 * The Jacobian −I + J·diag(φ′(x*)) of the rate network dx/dt = −x + J·φ(x) at a state x*, as a
 * matrix-free operator over any connectivity (one product with J and two O(n) passes per multiply).
 */
import type { LinearOperator } from '../linalg/operator.js';
import { OwningOperator, requireSquare } from '../linalg/operators.js';
import type { Runtime } from '../runtime.js';
import { F64Buffer, requireBuffer } from '../wasm/arena.js';
import { isNumberArrayLike, requireFiniteArray, requireOneOf } from '../validate.js';
import { NONLINEARITIES, type NonlinearityName, nonlinearity } from './nonlinearity.js';

/**
 * A = −I + J·diag(φ′(x*)): the Jacobian of dx/dt = −x + J·φ(x) at the state x*, applied without
 * forming it (one product with J and two O(n) passes per multiply).
 */
export class JacobianOperator extends OwningOperator {
  readonly connectivity: LinearOperator;
  /** φ′(x*), the per-neuron gains. */
  readonly gains: F64Buffer;
  readonly #scaled: F64Buffer;

  constructor(rt: Runtime, connectivity: LinearOperator, state: F64Buffer | ArrayLike<number>, phi: NonlinearityName) {
    const where = 'jacobianOperator';
    const n = requireSquare(where, 'connectivity', connectivity);
    const stateLength = isNumberArrayLike(state) ? state.length : (state as F64Buffer).length;
    if (stateLength !== n) throw new RangeError(`${where}: state has length ${stateLength}, expected n = ${n}`);
    const x = isNumberArrayLike(state) ? rt.f64From(requireFiniteArray(where, 'state', state)) : state;
    const gains = rt.f64(n);
    try {
      const entry = nonlinearity(requireOneOf(where, 'nonlinearity', phi, NONLINEARITIES));
      entry.derivativeKernel(rt.core, requireBuffer(F64Buffer, x, rt.arena, where, 'state'), gains.ptr, n);
    } catch (error) {
      gains.dispose();
      throw error;
    } finally {
      if (x !== state) x.dispose();
    }
    const scaled = rt.f64(n);
    super(rt, n, [gains, scaled]);
    this.connectivity = connectivity;
    this.gains = gains;
    this.#scaled = scaled;
  }

  multiply(x: F64Buffer, y?: F64Buffer): F64Buffer {
    const { xPtr, out, yPtr } = this.operands('JacobianOperator.multiply', x, y);
    const { core } = this.rt;
    core.vec_mul_f64(this.nCols, this.gains.ptr, xPtr, this.#scaled.ptr);
    this.connectivity.multiply(this.#scaled, out);
    core.blas1_axpy_f64(-1, xPtr, yPtr, this.nRows);
    return out;
  }
}

/** The Jacobian −I + J·diag(φ′(x*)) of dx/dt = −x + J·φ(x) at `state`, matrix-free over any operator J. */
export function jacobianOperator(
  rt: Runtime, connectivity: LinearOperator, state: F64Buffer | ArrayLike<number>, phi: NonlinearityName = 'tanh',
): JacobianOperator {
  return new JacobianOperator(rt, connectivity, state, phi);
}
