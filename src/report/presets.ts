/**
 * Named experiments that reproduce one result each: a report config holding only that result's
 * section (heavier than the default report would carry). `rnnkit report --config` takes the same
 * shape.
 */
export const REPRODUCTIONS: Record<string, { summary: string; experiment: unknown }> = {
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
};
