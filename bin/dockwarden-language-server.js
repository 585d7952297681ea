#!/usr/bin/env node
// Runs the bundled language server; `--stdio` for editors other than VS Code.
require('../dist/server.js');
