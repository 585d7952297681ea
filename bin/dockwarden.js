#!/usr/bin/env node
// Runs the bundled CLI (built by `npm ci` / `npm run build`).
require('../dist/cli.js');
