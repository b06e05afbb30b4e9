/**
 * Reproductions: named report configurations with one section each, run by `rnnkit reproduce <name>`.
 * Heavier sections live here rather than in the default report. Each entry is plain JSON for the
 * report schema (config.ts), so a user can copy it into `rnnkit report --config FILE.json`.
 */
export const REPRODUCTIONS: Record<string, { summary: string; experiment: unknown }> = {
  'fixed-points': {
    summary: 'Fixed points of a chaotic Gaussian network (N = 300, g = 2): radii against Δ0 and the static shell, Jacobian bulk edges against g√⟨φ′²⟩, search bias',
    experiment: { title: 'rnnkit: fixed points of a chaotic rate network', seed: 1, fixedPoints: { n: 300, g: 2, starts: 32 } },
  },
  correlations: {
    summary: 'Population variance N·Var(m) and mean cross-covariance over J0 toward the magnetic transition, against C^φ/|1 − J0 S^φ|² (N = 400, g = 2, 6 networks per J0)',
    experiment: { title: 'rnnkit: population and cross-correlations with mean coupling', seed: 1, correlations: { n: 400, g: 2, j0s: [0, 0.5, 1, 1.5], replicates: 6 } },
  },
};
