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
  kernels: {
    summary: 'Kernels of wide deep vs recurrent networks (Segadlo et al. 2022): the same equal-time recursion, a two-time kernel only for the RNN, '
      + 'spread ∝ n^{-1/2} with a larger prefactor for the RNN',
    experiment: {
      title: 'rnnkit: kernels of wide deep and recurrent networks',
      seed: 1,
      kernels: { phi: 'tanh', sigmaW: 1.5, sigmaB: 0.5, steps: 10, widths: [32, 64, 128, 256, 512], draws: 200 },
    },
  },
  inference: {
    summary: 'Parameter inference (van Meegen, Kühn & Helias 2021): (g, D) of noisy rate networks (N = 400, T = 1000) recovered from '
      + 'their recordings by the Whittle divergence to the mean-field spectrum',
    experiment: { title: 'rnnkit: inferring (g, D) from activity', seed: 1, inference: {} },
  },
  'spiking-timescales': {
    summary: 'Spiking intrinsic timescales (van Meegen & van Albada 2021): an E/I block network of Poisson-GLM neurons (N = 1000, K = 100, '
      + '5 s): rate distribution and population spike autocovariance against the block mean-field iteration',
    experiment: { title: 'rnnkit: intrinsic timescales of Poisson-GLM networks', seed: 1, spikingTimescales: {} },
  },
  'spiking-force': {
    summary: 'Spiking FORCE (Nicola & Clopath 2017): LIF, theta and mixed networks (N = 2000, 5 s training, 2 s test) learning a 5 Hz sine, '
      + 'and recurrent FORCE over the QIF fraction (N = 300, 5 compositions × 3 seeds): ΔJ strength by population and motif z-scores against the untrained Ω',
    experiment: {
      title: 'rnnkit: FORCE-trained spiking networks and their connectivity',
      seed: 1,
      spikingForce: { readout: {}, sweep: { fracQif: [0, 0.25, 0.5, 0.75, 1] } },
    },
  },
};
