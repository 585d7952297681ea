// VS Code scenarios driven through the real workbench (code-server + Chromium): what a user sees and does.
'use strict';
const fs = require('fs');
const path = require('path');
const assert = require('assert');
const { Workbench } = require('../lib/workbench');
const { workbenchUrl } = require('../lib/codeserver');
const { waitFor } = require('../lib/proc');
const { freshWorkspace, REPO } = require('../lib/fixtures');

const YAML = require(path.join(REPO, 'node_modules/yaml'));

const COMPOSE = 'docker-compose.yml';
// Lines (1-based) in fixtures/compose-sock/docker-compose.yml.
const SERVICE_LINE = 3; // "  agent:"
const SOCKET_LINE = 6; // "      - /var/run/docker.sock:/var/run/docker.sock"

const readWhen = (file, pred, what, ms = 20000) =>
  waitFor(
    what,
    () => {
      const t = fs.readFileSync(file, 'utf8');
      return pred(t) ? t : null;
    },
    ms,
  );

/** Waits for the compose fixture's two findings as squiggles and as Problems rows carrying the rule ids. */
async function composeFindingsShown(wb) {
  await wb.squiggles('error').first().waitFor();
  await wb.squiggles('warning').first().waitFor();
  await wb.openProblems();
  await wb.problemRows('docker-socket-mount').first().waitFor();
  await wb.problemRows('pids-limit-missing').first().waitFor();
}

const scenarios = [
  {
    name: 'vscode: (a) compose squiggles and Problems rows with rule ids',
    fixture: 'compose-sock',
    async run({ wb, shot }) {
      await wb.openFile(COMPOSE);
      await composeFindingsShown(wb);
      const text = await wb.problemsText();
      assert.match(text, /docker-socket-mount/);
      assert.match(text, /pids-limit-missing/);
      await wb.gotoLine(SOCKET_LINE, 9);
      await shot('vscode-squiggles');
    },
  },
  {
    name: 'vscode: (b) lightbulb fixes remove the docker.sock mount and add pids_limit; file saved',
    fixture: 'compose-sock',
    async run({ wb, ws, shot }) {
      await wb.openFile(COMPOSE);
      await composeFindingsShown(wb);
      await wb.gotoLine(SOCKET_LINE, 9);
      await wb.quickFix(/^(?!.*[Ii]gnore).*(docker\.sock|socket|[Rr]emove)/, { screenshot: () => shot('vscode-quickfix') });
      await wb.problemRows('docker-socket-mount').first().waitFor({ state: 'detached' });
      await wb.gotoLine(SERVICE_LINE, 3);
      await wb.quickFix(/pids_limit/);
      await wb.problemRows('pids-limit-missing').first().waitFor({ state: 'detached' });
      await wb.save();
      const file = path.join(ws, COMPOSE);
      const text = await readWhen(file, (t) => !t.includes('docker.sock') && /pids_limit/.test(t), 'the fixed file on disk');
      assert.match(text, /^# A small stack/m, 'leading comment kept');
      assert.match(text, /^ {6}- \.\/data:\/data$/m, 'the other volume kept');
      assert.match(text, /^ {4}pids_limit: 200$/m, 'pids_limit added under the service');
      assert.match(text, /"127\.0\.0\.1:8080:80"/, 'quoting kept');
      assert.equal(YAML.parse(text).services.agent.pids_limit, 200);
    },
  },
  {
    name: 'vscode: (c) Dockerfile curl | sh shows an error',
    fixture: 'dockerfile-curl',
    async run({ wb }) {
      await wb.openFile('Dockerfile');
      await wb.squiggles('error').first().waitFor();
      await wb.openProblems();
      const row = wb.problemRows('remote-script-piped-to-shell').first();
      await row.waitFor();
      // The row sits under an error icon in the Problems panel.
      assert.ok((await row.locator('.codicon-error').count()) > 0, 'finding is shown as an error');
    },
  },
  {
    name: 'vscode: (d) "Ignore … for this line" inserts the comment and the finding goes',
    fixture: 'compose-sock',
    async run({ wb, ws }) {
      await wb.openFile(COMPOSE);
      await composeFindingsShown(wb);
      await wb.gotoLine(SOCKET_LINE, 9);
      await wb.quickFix(/[Ii]gnore.*docker-socket-mount.*line|[Ii]gnore.*line.*docker-socket-mount/);
      await wb.problemRows('docker-socket-mount').first().waitFor({ state: 'detached' });
      await waitFor('error squiggle gone', async () => (await wb.squiggles('error').count()) === 0, 30000);
      await wb.save();
      const text = await readWhen(path.join(ws, COMPOSE), (t) => t.includes('dockwarden-ignore'), 'the comment on disk');
      assert.match(text, /#\s*dockwarden-ignore[^\n]*docker-socket-mount/);
      assert.match(text, /\/var\/run\/docker\.sock:\/var\/run\/docker\.sock/, 'the mount itself stays');
      YAML.parse(text);
    },
  },
  {
    name: 'vscode: (e) command palette "Dockwarden: Fix All" applies the safe fixes and leaves the unsafe ones',
    fixture: 'fix-all',
    async run({ wb, ws }) {
      await wb.openFile('Dockerfile');
      await wb.openProblems();
      await wb.problemRows('insecure-download').first().waitFor();
      await wb.problemRows('root-user').first().waitFor();
      await wb.runCommand('Dockwarden: Fix All');
      await wb.problemRows('insecure-download').first().waitFor({ state: 'detached' });
      await wb.save();
      const text = await readWhen(path.join(ws, 'Dockerfile'), (t) => t.includes('https://'), 'the fixed file on disk');
      assert.match(text, /^# Build tools for the agent$/m, 'leading comment kept');
      assert.match(text, /wget -q https:\/\/example\.com\/tool\.tar\.gz && tar xzf tool\.tar\.gz/);
      // USER root -> a non-root user is unsafe (the image may need root): Fix All must not touch it.
      assert.match(text, /^USER root$/m, 'the unsafe fix was not applied');
      assert.ok((await wb.problemRows('root-user').count()) > 0, 'root-user is still reported');
    },
  },
  {
    name: 'vscode: (f) "Dockwarden: Lint Workspace" lists findings of files that are not open',
    fixture: 'workspace-lint',
    async run({ wb }) {
      await wb.runCommand('Dockwarden: Lint Workspace');
      await wb.openProblems();
      await wb.problemRows('remote-script-piped-to-shell').first().waitFor();
      await wb.problemRows('docker-socket-mount').first().waitFor();
      const text = await wb.problemsText();
      assert.match(text, /Dockerfile/);
      assert.match(text, /compose\.yaml/);
      assert.equal(await wb.page.locator('.tab').count(), 0, 'no editor was opened');
    },
  },
];

async function runUiSuite({ cs, browser, runDir, log, record, only }) {
  // Scenarios of other sources live in files of their own beside this one.
  for (const sc of [...scenarios, ...require('./devcontainer').scenarios, ...require('./docker-run').scenarios]) {
    if (only && !only.test(sc.name)) continue;
    const t0 = Date.now();
    const slug = sc.name.replace(/^vscode: \((\w)\).*/, 'vscode-$1');
    const ws = freshWorkspace(sc.fixture, path.join(runDir, 'ws', slug));
    let page;
    try {
      const wb = await Workbench.open(browser, workbenchUrl(cs, ws), log);
      page = wb.page;
      const shot = async (name) => {
        const file = path.join(runDir, `${name}.png`);
        await page.screenshot({ path: file });
        log(`screenshot ${file}`);
      };
      await sc.run({ wb, ws, shot });
      record(sc.name, true, Date.now() - t0);
    } catch (e) {
      const png = path.join(runDir, `${slug}-failure.png`);
      if (page) await page.screenshot({ path: png }).catch(() => {});
      record(sc.name, false, Date.now() - t0, e, [png]);
    } finally {
      if (page) await page.close().catch(() => {});
    }
  }
}

module.exports = { runUiSuite, scenarios };
