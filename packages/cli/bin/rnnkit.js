#!/usr/bin/env node
// The `rnnkit` command: the bundle that scripts/build-cli.mjs makes from src/cli/main.ts.
import '../dist/main.js';
