import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fork, spawn } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { ROOT, SERVER, uriOf, withTimeout } from './harness';

const COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';

test('--node-ipc (how the VS Code extension starts it): initialize and diagnostics', async () => {
  const proc = fork(SERVER, ['--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
  const conn = createMessageConnection(new IPCMessageReader(proc), new IPCMessageWriter(proc));
  try {
    const got = new Promise<any>((resolve) =>
      conn.onNotification('textDocument/publishDiagnostics', (p: any) => {
        if (p.diagnostics.length > 0) resolve(p);
      }),
    );
    conn.listen();
    const init: any = await withTimeout(
      conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} }),
      10_000,
    );
    assert.equal(init.serverInfo.name, 'dockwarden-language-server');
    void conn.sendNotification('initialized', {});
    const uri = uriOf(path.join(ROOT, 'test', 'fixtures', 'lsp', 'ipc', 'docker-compose.yml'));
    void conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockercompose', version: 1, text: COMPOSE } });
    const p = await withTimeout(got, 10_000);
    assert.ok(p.diagnostics.some((d: any) => d.code === 'privileged'));
    await withTimeout(conn.sendRequest('shutdown'), 5000);
    void conn.sendNotification('exit');
  } finally {
    conn.dispose();
    if (proc.exitCode === null) proc.kill('SIGKILL');
  }
});

test('bin/dockwarden-language-server.js --stdio answers initialize and exits on exit', async () => {
  const proc = spawn(process.execPath, [path.join(ROOT, 'bin', 'dockwarden-language-server.js'), '--stdio'], { stdio: 'pipe' });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  try {
    conn.listen();
    const init: any = await withTimeout(
      conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} }),
      10_000,
    );
    assert.ok(init.capabilities.textDocumentSync);
    await withTimeout(conn.sendRequest('shutdown'), 5000);
    const exited = new Promise((r) => proc.once('exit', r));
    void conn.sendNotification('exit');
    await withTimeout(exited, 5000);
  } finally {
    conn.dispose();
    if (proc.exitCode === null) proc.kill('SIGKILL');
  }
});
