// Extension-host tests, written once and run by both runners:
//  - inside code-server, through the workbench URL payload ["extensionTestsPath", ...] (test/e2e/vscode/ext-host.js);
//  - inside a downloaded VS Code with @vscode/test-electron (run-electron.js, `npm run test:vscode`).
// No mocha: `run()` runs the cases below in order and writes a result JSON the harness waits for.
// The workspace is a copy of test/e2e/fixtures/exthost (compose/docker-compose.yml, docker/Dockerfile).
'use strict';
const vscode = require('vscode');
const assert = require('assert');
const fs = require('fs');
const path = require('path');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const codeOf = (d) => (d.code && typeof d.code === 'object' ? String(d.code.value) : String(d.code));

async function waitFor(what, fn, ms = 30000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(100);
  }
}

function root() {
  const f = vscode.workspace.workspaceFolders;
  if (!f || !f.length) throw new Error('no workspace folder open');
  return f[0].uri;
}

async function openDoc(rel) {
  const uri = vscode.Uri.joinPath(root(), rel);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  return doc;
}

const diagnosticsWith = (uri, id, ms) =>
  waitFor(`diagnostic ${id} on ${uri.path}`, () => vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === id), ms);

async function codeActionsAt(uri, range) {
  return (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, range, undefined, 50)) || [];
}

const cases = [
  [
    'the extension activates',
    async () => {
      const ext = vscode.extensions.all.find((e) => e.packageJSON && e.packageJSON.name === 'dockwarden');
      assert.ok(ext, 'dockwarden extension is installed');
      await waitFor(
        'activation',
        async () => {
          await ext.activate();
          return ext.isActive;
        },
        30000,
      );
    },
  ],
  [
    'compose: docker-socket-mount and pids-limit-missing with positions',
    async () => {
      const doc = await openDoc('compose/docker-compose.yml');
      const sock = await diagnosticsWith(doc.uri, 'docker-socket-mount', 60000);
      const pids = await diagnosticsWith(doc.uri, 'pids-limit-missing', 30000);
      assert.equal(sock.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(pids.severity, vscode.DiagnosticSeverity.Warning);
      assert.match(doc.getText(sock.range), /\/var\/run\/docker\.sock/);
      assert.equal(doc.lineAt(pids.range.start.line).text.trim(), 'agent:');
    },
  ],
  [
    'compose: the quick fix removes the docker.sock mount',
    async () => {
      const doc = await openDoc('compose/docker-compose.yml');
      const sock = await diagnosticsWith(doc.uri, 'docker-socket-mount', 30000);
      const actions = await codeActionsAt(doc.uri, sock.range);
      const fix = actions.find((a) => a.edit && !/ignore|documentation/i.test(a.title) && /docker\.sock/.test(a.title));
      assert.ok(fix, `a quick fix for docker-socket-mount; got ${JSON.stringify(actions.map((a) => a.title))}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit), 'edit applied');
      assert.ok(!doc.getText().includes('docker.sock'), 'mount removed');
      assert.ok(doc.getText().includes('./data:/data'), 'other volume kept');
      await waitFor(
        'docker-socket-mount cleared',
        () => !vscode.languages.getDiagnostics(doc.uri).some((d) => codeOf(d) === 'docker-socket-mount'),
        30000,
      );
      await vscode.commands.executeCommand('workbench.action.files.revert');
    },
  ],
  [
    'compose: an "Ignore … for this line" action is offered',
    async () => {
      const doc = await openDoc('compose/docker-compose.yml');
      const sock = await diagnosticsWith(doc.uri, 'docker-socket-mount', 30000);
      const actions = await codeActionsAt(doc.uri, sock.range);
      assert.ok(
        actions.some((a) => /ignore/i.test(a.title) && /docker-socket-mount/.test(a.title)),
        `ignore action; got ${JSON.stringify(actions.map((a) => a.title))}`,
      );
    },
  ],
  [
    'dockerfile: remote-script-piped-to-shell is an error on the RUN',
    async () => {
      const doc = await openDoc('docker/Dockerfile');
      const d = await diagnosticsWith(doc.uri, 'remote-script-piped-to-shell', 60000);
      assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
      assert.match(doc.lineAt(d.range.start.line).text, /^RUN curl/);
    },
  ],
  [
    'commands: Fix All and Lint Workspace are registered',
    async () => {
      const all = await vscode.commands.getCommands(true);
      const ours = all.filter((c) => /^dockwarden\./i.test(c));
      assert.ok(ours.length >= 2, `dockwarden.* commands: ${JSON.stringify(ours)}`);
    },
  ],
];

async function run() {
  const results = [];
  for (const [name, fn] of cases) {
    const t0 = Date.now();
    try {
      await fn();
      results.push({ name, ok: true, ms: Date.now() - t0 });
    } catch (e) {
      results.push({ name, ok: false, ms: Date.now() - t0, error: String((e && e.stack) || e) });
    }
  }
  const out = process.env.DOCKWARDEN_E2E_RESULT || path.join(root().fsPath, '.e2e-result.json');
  fs.writeFileSync(out + '.tmp', JSON.stringify({ results }, null, 2));
  fs.renameSync(out + '.tmp', out);
  const failed = results.filter((r) => !r.ok);
  for (const r of results) console.log(`${r.ok ? 'ok ' : 'FAIL'} ${r.name}${r.ok ? '' : `\n${r.error}`}`);
  if (failed.length) throw new Error(`${failed.length} of ${results.length} extension-host tests failed`);
}

module.exports = { run };
