// Node, ES modules: import { load } from 'rnnkit'.
import { applyNonlinearity, load } from 'rnnkit';
import { readNetworkFile } from 'rnnkit/io';
import { seededNumbers } from '../shared/seeded.js';

const numbers = await seededNumbers({ load, applyNonlinearity });
// The package ships no debug binaries: asking for them must say so.
const debug = await load({ build: 'debug' }).then(() => 'loaded', (error) => error.message);
console.log(JSON.stringify({ numbers, debug, io: typeof readNetworkFile }));
