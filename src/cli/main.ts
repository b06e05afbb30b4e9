#!/usr/bin/env node
/** The `rnnkit` command: a thin layer over the public API (see ./common.ts for its conventions). */
import { Command } from 'commander';
import { registerBench } from './commands/bench.js';
import { registerCorrelations } from './commands/correlations.js';
import { registerDemo } from './commands/demo.js';
import { registerDimension } from './commands/dimension.js';
import { registerKernel } from './commands/kernel.js';
import { registerInfer } from './commands/infer.js';
import { registerExport } from './commands/export.js';
import { registerFixedPoints } from './commands/fixed-points.js';
import { registerLyapunov, registerSimulate, registerSweep } from './commands/dynamics.js';
import { registerMotifs } from './commands/motifs.js';
import { registerNetwork } from './commands/network.js';
import { registerReport } from './commands/report.js';
import { registerReproduce } from './commands/reproduce.js';
import { registerTrain } from './commands/train.js';
import { registerSpectrum } from './commands/spectrum.js';
import { registerCompare, registerTheory } from './commands/theory.js';
import { registerSpiking } from './commands/spiking.js';
import { registerSpikingTimescales } from './commands/spiking-timescales.js';
import { packageVersion } from '../version.js';

const program = new Command('rnnkit')
  .description('Random recurrent neural networks on a WebAssembly core')
  .version(packageVersion(), '-V, --version')
  .showHelpAfterError('(rnnkit --help lists the commands)');

registerDemo(program);
registerBench(program);
registerNetwork(program);
registerSimulate(program);
registerLyapunov(program);
registerSweep(program);
registerDimension(program);
registerSpiking(program);
registerSpikingTimescales(program);
registerTrain(program);
registerMotifs(program);
registerSpectrum(program);
registerTheory(program);
registerCompare(program);
registerFixedPoints(program);
registerCorrelations(program);
registerReport(program);
registerReproduce(program);
registerExport(program);
registerKernel(program);
registerInfer(program);

await program.parseAsync(process.argv);
