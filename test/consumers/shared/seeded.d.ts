/** Types of seeded.js for the matrix runner (the apps use the plain JavaScript). */
export interface SeededResult {
  simd: boolean;
  z: string;
  tanh: string;
  y: string;
}

/** The library functions it uses, typed loosely: the runner passes the checkout's, the apps the package's. */
export function seededNumbers(
  rnnkit: { load: (options?: never) => Promise<unknown>; applyNonlinearity: (...args: never[]) => unknown },
  loadOptions?: object,
): Promise<{ simd: SeededResult; scalar: SeededResult }>;
