/**
 * The nonlinearity a mean-field solver uses: a name from the φ table, or (for theory beyond the
 * table, e.g. a shifted tanh) any object with φ, φ′, Φ = ∫₀φ and whether φ is odd.
 */
import { NONLINEARITIES, type NonlinearityName, nonlinearity } from '../../dynamics/nonlinearity.js';
import { requireOneOf } from '../../validate.js';

export interface MeanFieldPhi {
  readonly name: string;
  readonly phi: (u: number) => number;
  readonly derivative: (u: number) => number;
  /** Φ(u) = ∫₀ᵘ φ. */
  readonly primitive: (u: number) => number;
  /** φ(−u) = −φ(u): then ⟨φ⟩ = 0 and the static part Δ∞ of the autocovariance vanishes. */
  readonly odd: boolean;
}

export type PhiSpec = NonlinearityName | MeanFieldPhi;

/** The table entry of a name, or a custom φ after checking that it has the four members. */
export function meanFieldPhi(where: string, spec: PhiSpec | undefined): MeanFieldPhi {
  if (spec === undefined || typeof spec === 'string') return nonlinearity(requireOneOf(where, 'phi', spec ?? 'tanh', NONLINEARITIES));
  if (typeof spec !== 'object' || spec === null || typeof spec.phi !== 'function' || typeof spec.derivative !== 'function' ||
    typeof spec.primitive !== 'function' || typeof spec.odd !== 'boolean') {
    throw new TypeError(`${where}: phi must be one of ${NONLINEARITIES.join(', ')} or an object {name, phi, derivative, primitive, odd}`);
  }
  return spec;
}
