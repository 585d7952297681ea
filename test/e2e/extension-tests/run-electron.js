#!/usr/bin/env node
// `npm run test:vscode`: runs the extension-host tests (./index.js) in a desktop VS Code downloaded by
// @vscode/test-electron. Needs internet access to download VS Code, so it is NOT part of CI here
// (CI runs the same tests inside code-server: test/e2e/vscode/ext-host.js). Install the harness first:
// `cd test/e2e && npm ci`. Needs a display (use xvfb-run on Linux without one).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const E2E = path.resolve(__dirname, '..');
const REPO = path.resolve(E2E, '../..');

async function main() {
  let runTests;
  try {
    ({ runTests } = require(path.join(E2E, 'node_modules/@vscode/test-electron')));
  } catch {
    console.error('test:vscode: @vscode/test-electron is missing; run `cd test/e2e && npm ci` first.');
    process.exit(2);
  }
  if (!fs.existsSync(path.join(REPO, 'dist/extension.js'))) {
    console.error('test:vscode: dist/extension.js is missing; run `npm run build` first.');
    process.exit(2);
  }
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwarden-exthost-'));
  fs.cpSync(path.join(E2E, 'fixtures/exthost'), ws, { recursive: true });
  const resultFile = path.join(ws, '.e2e-result.json');
  let code = 0;
  try {
    await runTests({
      version: process.env.VSCODE_VERSION || '1.100.3',
      extensionDevelopmentPath: REPO,
      extensionTestsPath: __dirname,
      launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
      extensionTestsEnv: { DOCKWARDEN_E2E_RESULT: resultFile },
    });
  } catch (e) {
    console.error(String((e && e.message) || e));
    code = 1;
  }
  let passed = 0;
  let failed = 0;
  if (fs.existsSync(resultFile)) {
    for (const r of JSON.parse(fs.readFileSync(resultFile, 'utf8')).results) {
      console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}${r.ok ? '' : `\n${r.error}`}`);
      if (r.ok) passed++;
      else failed++;
    }
  } else failed++;
  fs.rmSync(ws, { recursive: true, force: true });
  console.log(`test:vscode: ${passed} passed, ${failed} failed`);
  process.exit(failed || code ? 1 : 0);
}

main();
