#!/usr/bin/env node
// The `rnnkit` command: the compiled tree that scripts/build-cli.mjs copies into this package.
import '../dist/cli/main.js';
