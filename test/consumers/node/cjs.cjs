// Node, CommonJS: require('rnnkit').
const { applyNonlinearity, load } = require('rnnkit');
const { readNetworkFile } = require('rnnkit/io');

(async () => {
  const { seededNumbers } = await import('../shared/seeded.js');
  const numbers = await seededNumbers({ load, applyNonlinearity });
  console.log(JSON.stringify({ numbers, io: typeof readNetworkFile }));
})();
