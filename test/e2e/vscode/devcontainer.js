// VS Code scenarios on a Dev Container configuration (.devcontainer/devcontainer.json, language jsonc), driven
// through the real workbench like ui.js; kept in a file of their own.
'use strict';
const fs = require('fs');
const path = require('path');
const assert = require('assert');
const { waitFor } = require('../lib/proc');
const { REPO } = require('../lib/fixtures');

const { parseTree } = require(path.join(REPO, 'node_modules/jsonc-parser'));

const FILE = '.devcontainer/devcontainer.json';
// Lines (1-based) in fixtures/devcontainer/.devcontainer/devcontainer.json.
const PRIVILEGED_LINE = 6; // `  "privileged": true,`
const COMMENTS = ['// Dev container for the e2e scenario', '/* needed for FUSE */', "// the host's services"];

function jsoncErrors(text) {
  const errors = [];
  parseTree(text, errors, { allowTrailingComma: false });
  return errors;
}

const scenarios = [
  {
    name: 'vscode: (g) devcontainer.json: squiggles and Problems rows; the privileged quick fix leaves valid JSONC with its comments',
    fixture: 'devcontainer',
    async run({ wb, ws }) {
      await wb.openFile(FILE);
      await wb.squiggles('error').first().waitFor();
      await wb.openProblems();
      for (const rule of ['privileged', 'host-network', 'docker-socket-mount']) await wb.problemRows(rule).first().waitFor();
      assert.doesNotMatch(await wb.problemsText(), /port-all-interfaces/, 'forwardPorts publishes nothing');
      await wb.gotoLine(PRIVILEGED_LINE, 4);
      const chosen = await wb.quickFix(/^Remove "privileged": true/);
      assert.match(chosen, /\(may break /, 'the fix says what may break');
      // 'privileged' alone would match the socket finding's message too ("start a privileged container").
      await wb.problemRows('runs privileged').first().waitFor({ state: 'detached' });
      await wb.save();
      const file = path.join(ws, FILE);
      const text = await waitFor(
        'the fixed file on disk',
        () => {
          const t = fs.readFileSync(file, 'utf8');
          return t.includes('"privileged"') ? null : t;
        },
        20000,
      );
      assert.deepEqual(jsoncErrors(text), [], text);
      for (const c of COMMENTS) assert.ok(text.includes(c), `comment kept: ${c}`);
      assert.match(text, /"--network=host"/, 'the other findings stay until fixed');
    },
  },
];

module.exports = { scenarios };
