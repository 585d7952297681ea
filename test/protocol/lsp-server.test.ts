import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyLspEdits, codes, copyFixture, editsFor, startSession, uriOf, withTimeout, type Diag, type Session } from './harness';

const COMPOSE = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';

async function withSession(opts: Parameters<typeof startSession>[0], fn: (s: Session) => Promise<void>): Promise<void> {
  const s = await startSession(opts);
  try {
    await fn(s);
  } finally {
    await s.close();
  }
}

function diag(s: Session, uri: string, rule: string): Diag | undefined {
  return s.latest(uri)?.diagnostics.find((d) => d.code === rule);
}

function codeActions(s: Session, uri: string, diagnostics: Diag[], only?: string[], range = diagnostics[0]?.range): Promise<any[]> {
  return withTimeout(
    s.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics, only },
    }) as Promise<any[]>,
    10_000,
  );
}

/** Applies `edit` to the open document and sends the new full text; returns it. */
function applyAndSync(s: Session, uri: string, text: string, edit: unknown, version: number): string {
  const next = applyLspEdits(text, editsFor(edit, uri));
  s.change(uri, version, [{ text: next }]);
  return next;
}

test('initialize: incremental sync, UTF-16, code action kinds, hover; watchers registered dynamically', async () => {
  const dir = copyFixture('compose-basic');
  await withSession({ rootDir: dir }, async (s) => {
    const caps = s.initializeResult.capabilities as any;
    assert.equal(caps.textDocumentSync.change, 2);
    assert.equal(caps.positionEncoding, 'utf-16');
    assert.deepEqual(caps.codeActionProvider.codeActionKinds, ['quickfix', 'source.fixAll.dockwarden']);
    assert.equal(caps.hoverProvider, true);
    assert.equal(caps.executeCommandProvider, undefined, 'showDocs is not advertised (VS Code registers it)');
    const reg = await s.waitFor('watcher registration', () =>
      s.requests.find((r) => r.method === 'client/registerCapability' && JSON.stringify(r.params).includes('didChangeWatchedFiles')),
    );
    assert.match(JSON.stringify(reg.params), /\.env/);
  });
});

test('open a compose file: diagnostics with source, code, docs link, severity and the fix in data', async () => {
  const dir = copyFixture('compose-basic');
  const uri = uriOf(path.join(dir, 'docker-compose.yml'));
  await withSession({ rootDir: dir }, async (s) => {
    s.open(uri, fs.readFileSync(path.join(dir, 'docker-compose.yml'), 'utf8'));
    const d = await s.waitFor('privileged', () => diag(s, uri, 'privileged'));
    assert.equal(d.source, 'dockwarden');
    assert.equal(d.severity, 1);
    assert.deepEqual(d.range, { start: { line: 3, character: 16 }, end: { line: 3, character: 20 } });
    assert.equal(d.codeDescription?.href, 'https://github.com/dockwarden/dockwarden/blob/main/docs/rules/privileged.md');
    assert.equal(
      (d.data as any).fix.title,
      'Remove privileged: true (may break a service that needs host devices or kernel features, e.g. Docker-in-Docker)',
    );
    assert.equal((d.data as any).fix.safety, 'unsafe');
    assert.equal(s.latest(uri)!.version, 1);
    // `${WEB_PORT}` comes from .env (8080: all interfaces).
    assert.ok(codes(s.latest(uri)).includes('port-all-interfaces'));
    const hint = diag(s, uri, 'image-no-digest')!;
    assert.equal(hint.severity, 4);
    // The recommended profile leaves the per-service hardening checks off; the strict one shows them as info.
    assert.ok(!codes(s.latest(uri)).includes('cap-drop-missing'));
    s.settings = { profile: 'strict' };
    void s.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const info = await s.waitFor('strict profile', () => diag(s, uri, 'cap-drop-missing'));
    assert.equal(info.severity, 3);
  });
});

test('incremental edit updates diagnostics; a UTF-16 edit after an emoji keeps positions right', async () => {
  const dir = copyFixture('compose-basic');
  const uri = uriOf(path.join(dir, 'docker-compose.yml'));
  await withSession({ rootDir: dir, settings: { debounceMs: 0 } }, async (s) => {
    const text = 'services:\n  web:  # 🐳 ウェブ\n    image: nginx:1.27\n    privileged: true\n';
    s.open(uri, text);
    await s.waitFor('privileged', () => diag(s, uri, 'privileged'));
    // Replace `true` with `false` on line 3.
    s.change(uri, 2, [{ range: { start: { line: 3, character: 16 }, end: { line: 3, character: 20 } }, text: 'false' }]);
    await s.waitFor('privileged gone at version 2', () => {
      const p = s.latest(uri);
      return p?.version === 2 && !codes(p).includes('privileged');
    });
    // Insert a service key after the emoji comment: `web` key range stays at character 2.
    s.change(uri, 3, [{ range: { start: { line: 1, character: 13 }, end: { line: 1, character: 13 } }, text: '!' }]);
    await s.waitFor('version 3', () => s.latest(uri)?.version === 3);
    const d = diag(s, uri, 'pids-limit-missing')!;
    assert.deepEqual(d.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } });
  });
});

test('quick fix: preferred action first, its edit removes the finding; ignore and docs actions follow', async () => {
  const dir = copyFixture('compose-basic');
  const uri = uriOf(path.join(dir, 'docker-compose.yml'));
  // strict: no-new-privileges-missing (a safe fix) is on.
  await withSession({ rootDir: dir, settings: { profile: 'strict' } }, async (s) => {
    s.open(uri, COMPOSE);
    const d = await s.waitFor('privileged', () => diag(s, uri, 'privileged'));
    const actions = await codeActions(s, uri, [d], ['quickfix']);
    assert.deepEqual(
      actions.map((a) => a.title),
      [
        'Remove privileged: true (may break a service that needs host devices or kernel features, e.g. Docker-in-Docker)',
        'Ignore privileged for this line',
        'Ignore privileged in this file',
        'Show documentation for privileged',
      ],
    );
    assert.equal(actions[0].isPreferred, false, 'an unsafe fix is offered, not preferred (auto-fix applies preferred ones)');
    assert.equal(actions[0].kind, 'quickfix');
    assert.deepEqual(actions[3].command, {
      title: 'Show documentation for privileged',
      command: 'dockwarden.showDocs',
      arguments: ['https://github.com/dockwarden/dockwarden/blob/main/docs/rules/privileged.md'],
    });
    const safe = await codeActions(s, uri, [diag(s, uri, 'no-new-privileges-missing')!], ['quickfix']);
    assert.equal(safe[0].title, 'Add security_opt: [no-new-privileges:true]');
    assert.equal(safe[0].isPreferred, true, 'a safe fix is preferred');
    const after = applyAndSync(s, uri, COMPOSE, actions[0].edit, 2);
    assert.equal(after, 'services:\n  web:\n    image: nginx:1.27\n');
    await s.waitFor('privileged gone', () => s.latest(uri)?.version === 2 && !codes(s.latest(uri)).includes('privileged'));
  });
});

test('a stale diagnostic (older version) still gets the current fix', async () => {
  const dir = copyFixture('compose-basic');
  const uri = uriOf(path.join(dir, 'docker-compose.yml'));
  await withSession({ rootDir: dir, settings: { debounceMs: 5000 } }, async (s) => {
    s.open(uri, COMPOSE);
    const d = await s.waitFor('privileged', () => diag(s, uri, 'privileged'));
    // Two lines inserted at the top; the diagnostic (as the client tracks it) moves down by two.
    const text = '# a\n# b\n' + COMPOSE;
    s.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# a\n# b\n' }]);
    const moved = { ...d, range: { start: { line: 5, character: 16 }, end: { line: 5, character: 20 } } };
    const actions = await codeActions(s, uri, [moved], ['quickfix']);
    assert.equal(
      actions[0].title,
      'Remove privileged: true (may break a service that needs host devices or kernel features, e.g. Docker-in-Docker)',
    );
    assert.equal(applyLspEdits(text, editsFor(actions[0].edit, uri)), '# a\n# b\nservices:\n  web:\n    image: nginx:1.27\n');
  });
});

test('fix all (source.fixAll): every safe fix applied in one edit, the unsafe ones left, YAML intact', async () => {
  const dir = copyFixture('compose-basic');
  const file = path.join(dir, 'docker-compose.yml');
  const uri = uriOf(file);
  const text = fs.readFileSync(file, 'utf8').replace(/\n/g, '\r\n');
  const safety = (d: Diag) => (d.data as any)?.fix?.safety;
  await withSession({ rootDir: dir, settings: { profile: 'strict' } }, async (s) => {
    s.open(uri, text);
    await s.waitFor('privileged', () => diag(s, uri, 'privileged'));
    assert.ok(s.latest(uri)!.diagnostics.some((d) => safety(d) === 'safe'));
    const actions = await codeActions(s, uri, [], ['source.fixAll']);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.dockwarden');
    const edits = editsFor(actions[0].edit, uri);
    assert.equal(edits.length, 1, 'one minimal edit');
    const after = applyAndSync(s, uri, text, actions[0].edit, 2);
    assert.ok(!/(^|[^\r])\n/.test(after), 'CRLF kept everywhere');
    assert.match(after, /\r\n {4}security_opt: \["no-new-privileges:true"\]\r\n/, after);
    // Unsafe fixes (privileged, the port's reach, read_only, cap_drop, limits) are left for review.
    assert.match(after, /privileged: true/, after);
    assert.match(after, /- "\$\{WEB_PORT\}:80"/, after);
    await s.waitFor('re-linted', () => s.latest(uri)?.version === 2);
    const left = s.latest(uri)!.diagnostics.filter((d) => (d.data as any)?.fix);
    assert.deepEqual(
      left.filter((d) => safety(d) !== 'unsafe').map((d) => d.code),
      [],
      'no safe fix left',
    );
    assert.ok(left.some((d) => d.code === 'privileged'));
    // Nothing left to fix: no action.
    assert.deepEqual(await codeActions(s, uri, [], ['source.fixAll.dockwarden']), []);
    // Quick-fix requests never carry the fix-all action.
    assert.ok((await codeActions(s, uri, [], ['quickfix'])).every((a) => a.kind === 'quickfix'));
  });
});

test('ignore for this line: comment inserted above with the indentation; the finding is gone, no unused suppression', async () => {
  const dir = copyFixture('compose-basic');
  const uri = uriOf(path.join(dir, 'docker-compose.yml'));
  await withSession({ rootDir: dir }, async (s) => {
    s.open(uri, COMPOSE);
    const d = await s.waitFor('privileged', () => diag(s, uri, 'privileged'));
    const ignore = (await codeActions(s, uri, [d], ['quickfix'])).find((a) => a.title === 'Ignore privileged for this line');
    const after = applyAndSync(s, uri, COMPOSE, ignore.edit, 2);
    assert.equal(after, 'services:\n  web:\n    image: nginx:1.27\n    # dockwarden-ignore privileged\n    privileged: true\n');
    await s.waitFor('privileged gone', () => s.latest(uri)?.version === 2 && !codes(s.latest(uri)).includes('privileged'));
    assert.ok(!codes(s.latest(uri)).includes('unused-suppression'));
  });
});

test('ignore in this file: comment at the top; the finding is gone', async () => {
  const dir = copyFixture('compose-basic');
  const uri = uriOf(path.join(dir, 'docker-compose.yml'));
  await withSession({ rootDir: dir }, async (s) => {
    s.open(uri, COMPOSE);
    const d = await s.waitFor('pids-limit-missing', () => diag(s, uri, 'pids-limit-missing'));
    const ignore = (await codeActions(s, uri, [d], ['quickfix'])).find((a) => a.title === 'Ignore pids-limit-missing in this file');
    const after = applyAndSync(s, uri, COMPOSE, ignore.edit, 2);
    assert.equal(after, '# dockwarden-ignore-file pids-limit-missing\n' + COMPOSE);
    await s.waitFor('gone', () => s.latest(uri)?.version === 2 && !codes(s.latest(uri)).includes('pids-limit-missing'));
    assert.ok(codes(s.latest(uri)).includes('privileged'));
  });
});

test('unused suppression: Unnecessary tag and a quick fix that removes the comment', async () => {
  const dir = copyFixture('compose-basic');
  const uri = uriOf(path.join(dir, 'docker-compose.yml'));
  const text = '# dockwarden-ignore-file host-network\n' + COMPOSE;
  await withSession({ rootDir: dir }, async (s) => {
    s.open(uri, text);
    const d = await s.waitFor('unused-suppression', () => diag(s, uri, 'unused-suppression'));
    assert.deepEqual(d.tags, [1]);
    const actions = await codeActions(s, uri, [d], ['quickfix']);
    assert.equal(actions.length, 1, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(applyLspEdits(text, editsFor(actions[0].edit, uri)), COMPOSE);
  });
});

test('configuration: a severity override to off (by id and by glob) removes diagnostics', async () => {
  const dir = copyFixture('compose-basic');
  const uri = uriOf(path.join(dir, 'docker-compose.yml'));
  await withSession({ rootDir: dir }, async (s) => {
    s.open(uri, COMPOSE);
    await s.waitFor('privileged', () => diag(s, uri, 'privileged'));
    s.settings = { rules: { privileged: 'off', '*-missing': 'off', 'image-no-digest': 'error' } };
    void s.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await s.waitFor('privileged off', () => !codes(s.latest(uri)).includes('privileged') && s.latest(uri)!.diagnostics.length > 0);
    const left = s.latest(uri)!.diagnostics;
    assert.deepEqual(
      left.map((d) => d.code),
      ['image-no-digest'],
    );
    assert.equal(left[0].severity, 1);
  });
});

test('.dockwarden.yaml: its rule levels apply, editor settings win, and a change to it re-lints', async () => {
  const dir = copyFixture('compose-basic');
  const uri = uriOf(path.join(dir, 'docker-compose.yml'));
  fs.writeFileSync(path.join(dir, '.dockwarden.yaml'), 'rules:\n  privileged: off\n  image-no-digest: off\n');
  await withSession({ rootDir: dir, settings: { rules: { 'image-no-digest': 'warning' } } }, async (s) => {
    s.open(uri, COMPOSE);
    await s.waitFor('first lint', () => s.latest(uri));
    assert.ok(!codes(s.latest(uri)).includes('privileged'));
    assert.equal(diag(s, uri, 'image-no-digest')?.severity, 2);
    fs.writeFileSync(path.join(dir, '.dockwarden.yaml'), 'rules:\n  privileged: warning\n');
    const n = s.published.length;
    void s.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf(path.join(dir, '.dockwarden.yaml')), type: 2 }],
    });
    await s.waitFor('privileged back as warning', () => s.published.length > n && diag(s, uri, 'privileged')?.severity === 2);
  });
});

test('related file: a .env change on disk (watched) and in an open buffer updates ${VAR} findings', async () => {
  const dir = copyFixture('compose-basic');
  const file = path.join(dir, 'docker-compose.yml');
  const uri = uriOf(file);
  const envUri = uriOf(path.join(dir, '.env'));
  await withSession({ rootDir: dir }, async (s) => {
    s.open(uri, fs.readFileSync(file, 'utf8'));
    await s.waitFor('port-all-interfaces', () => diag(s, uri, 'port-all-interfaces'));
    fs.writeFileSync(path.join(dir, '.env'), 'WEB_PORT=127.0.0.1:8080\n');
    void s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: envUri, type: 2 }] });
    await s.waitFor('port finding gone', () => s.latest(uri) && !codes(s.latest(uri)).includes('port-all-interfaces'));
    // An unsaved .env buffer counts before the disk.
    s.open(envUri, 'WEB_PORT=9000\n', 'dotenv');
    await s.waitFor('port finding back', () => diag(s, uri, 'port-all-interfaces'));
    void s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: envUri } });
    await s.waitFor('port finding gone again', () => !codes(s.latest(uri)).includes('port-all-interfaces'));
    assert.deepEqual(s.latest(envUri)?.diagnostics ?? [], []);
  });
});

test('a client without capabilities: plain diagnostics, `changes` edits, settings from initializationOptions', async () => {
  const dir = copyFixture('compose-basic');
  const uri = uriOf(path.join(dir, 'docker-compose.yml'));
  await withSession(
    { rootDir: dir, capabilities: {}, initializationOptions: { settings: { rules: { 'image-no-digest': 'off' } } } },
    async (s) => {
      assert.equal((s.initializeResult.capabilities as any).positionEncoding, undefined);
      assert.equal((s.initializeResult.capabilities as any).codeActionProvider, true);
      s.open(uri, COMPOSE, '');
      const d = await s.waitFor('privileged', () => diag(s, uri, 'privileged'));
      assert.equal(d.codeDescription, undefined);
      assert.equal(s.latest(uri)!.version, undefined);
      assert.ok(!codes(s.latest(uri)).includes('image-no-digest'));
      const actions = await codeActions(s, uri, [d]);
      assert.ok(actions[0].edit.changes[uri], 'plain changes map');
      assert.equal(s.requests.filter((r) => r.method === 'workspace/configuration' || r.method === 'client/registerCapability').length, 0);
      // Settings pushed by didChangeConfiguration.
      void s.conn.sendNotification('workspace/didChangeConfiguration', { settings: { dockwarden: { enable: false } } });
      await s.waitFor('disabled: no diagnostics', () => s.latest(uri)!.diagnostics.length === 0);
    },
  );
});

test('Neovim 0.7: an empty languageId is recognised by file name; a YAML without services is left alone', async () => {
  const dir = copyFixture('compose-basic');
  const compose = uriOf(path.join(dir, 'compose.yaml'));
  const other = uriOf(path.join(dir, 'values.yaml'));
  const stack = uriOf(path.join(dir, 'stack.yml'));
  await withSession({ rootDir: dir }, async (s) => {
    s.open(other, 'replicaCount: 2\nimage:\n  repository: nginx\n  privileged: true\n', 'yaml');
    // A YAML with a top-level services mapping is a Compose file whatever its name, as the CLI finds it.
    s.open(stack, COMPOSE, 'yaml');
    await s.waitFor('stack.yml linted', () => diag(s, stack, 'privileged'));
    s.open(compose, COMPOSE, '');
    await s.waitFor('compose.yaml linted', () => diag(s, compose, 'privileged'));
    await s.waitFor('values.yaml published empty', () => s.latest(other));
    assert.deepEqual(s.latest(other)!.diagnostics, []);
  });
});

test('composeFiles setting makes any YAML a compose file', async () => {
  const dir = copyFixture('compose-basic');
  const other = uriOf(path.join(dir, 'stack', 'app.yml'));
  await withSession({ rootDir: dir, settings: { composeFiles: ['stack/*.yml'] } }, async (s) => {
    s.open(other, COMPOSE, 'yaml');
    await s.waitFor('app.yml linted', () => diag(s, other, 'privileged'));
  });
});

test('Japanese: messages and action titles follow the client locale', async () => {
  const dir = copyFixture('compose-basic');
  const uri = uriOf(path.join(dir, 'docker-compose.yml'));
  await withSession({ rootDir: dir, locale: 'ja' }, async (s) => {
    s.open(uri, COMPOSE);
    const d = await s.waitFor('privileged', () => diag(s, uri, 'privileged'));
    assert.match(d.message, /特権|privileged で動作/);
    const titles = (await codeActions(s, uri, [d], ['quickfix'])).map((a) => a.title);
    assert.deepEqual(titles, [
      'privileged: true を削除する（ホストのデバイスやカーネル機能を必要とするサービス、例えば Docker-in-Docker が動かなくなることがあります）',
      'この行の privileged を無視',
      'このファイルの privileged を無視',
      'privileged のドキュメントを表示',
    ]);
  });
});

test('hover on a flagged range: title, message, fix and docs link in markdown', async () => {
  const dir = copyFixture('compose-basic');
  const uri = uriOf(path.join(dir, 'docker-compose.yml'));
  await withSession({ rootDir: dir }, async (s) => {
    s.open(uri, COMPOSE);
    await s.waitFor('privileged', () => diag(s, uri, 'privileged'));
    const hover: any = await withTimeout(
      s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 18 } }),
      5000,
    );
    assert.equal(hover.contents.kind, 'markdown');
    assert.match(hover.contents.value, /\*\*Container runs privileged\*\* `privileged`/);
    assert.match(hover.contents.value, /Quick fix: Remove privileged: true/);
    assert.match(hover.contents.value, /\(https:\/\/github\.com\/dockwarden\/dockwarden\/blob\/main\/docs\/rules\/privileged\.md\)/);
    const none = await withTimeout(
      s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } }),
      5000,
    );
    assert.equal(none, null);
  });
});

test('dockwarden.showDocs: window/showDocument (external) when supported', async () => {
  await withSession({}, async (s) => {
    const url = 'https://github.com/dockwarden/dockwarden/blob/main/docs/rules/privileged.md';
    await withTimeout(s.conn.sendRequest('workspace/executeCommand', { command: 'dockwarden.showDocs', arguments: [url] }), 5000);
    const shown = s.requests.find((r) => r.method === 'window/showDocument');
    assert.deepEqual(shown?.params, { uri: url, external: true });
  });
});

test('dockwarden/lintFiles publishes diagnostics for files that are not open', async () => {
  const dir = copyFixture('compose-basic');
  const uri = uriOf(path.join(dir, 'docker-compose.yml'));
  await withSession({ rootDir: dir }, async (s) => {
    const result: any = await withTimeout(
      s.conn.sendRequest('dockwarden/lintFiles', { uris: [uri, uriOf(path.join(dir, 'missing.yml'))] }),
      10_000,
    );
    assert.equal(result.linted, 2);
    assert.ok(result.findings >= 2);
    assert.ok(codes(s.latest(uri)).includes('privileged'));
    assert.equal(s.latest(uri)!.version, undefined);
  });
});

test('maxFileSizeKb: a larger file gets one file-too-large warning', async () => {
  const dir = copyFixture('compose-basic');
  const uri = uriOf(path.join(dir, 'docker-compose.yml'));
  await withSession({ rootDir: dir, settings: { maxFileSizeKb: 1 } }, async (s) => {
    s.open(uri, COMPOSE + `# ${'x'.repeat(2000)}\n`);
    await s.waitFor('file-too-large', () => diag(s, uri, 'file-too-large'));
    assert.deepEqual(codes(s.latest(uri)), ['file-too-large']);
  });
});

test('run: onSave lints on open and save, not while typing', async () => {
  const dir = copyFixture('compose-basic');
  const uri = uriOf(path.join(dir, 'docker-compose.yml'));
  await withSession({ rootDir: dir, settings: { run: 'onSave', debounceMs: 0 } }, async (s) => {
    s.open(uri, COMPOSE);
    await s.waitFor('privileged', () => diag(s, uri, 'privileged'));
    s.change(uri, 2, [{ text: COMPOSE.replace('true', 'false') }]);
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(codes(s.latest(uri)).includes('privileged'), 'not re-linted while typing');
    void s.conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
    await s.waitFor('re-linted on save', () => !codes(s.latest(uri)).includes('privileged'));
  });
});

test('Dockerfile: recognised by language id and by name; ignore actions keep parser directives first', async () => {
  const dir = copyFixture('compose-basic');
  const uri = uriOf(path.join(dir, 'Dockerfile'));
  const byName = uriOf(path.join(dir, 'api.Dockerfile'));
  const text = '# syntax=docker/dockerfile:1\nFROM alpine:3.20\nRUN curl https://example.com/x.sh | sh\n';
  await withSession({ rootDir: dir }, async (s) => {
    s.open(byName, text, 'plaintext');
    s.open(uri, text, 'dockerfile');
    await s.waitFor('by name', () => diag(s, byName, 'remote-script-piped-to-shell'));
    const d = await s.waitFor('remote-script-piped-to-shell', () => diag(s, uri, 'remote-script-piped-to-shell'));
    assert.equal(d.range.start.line, 2);
    const actions = await codeActions(s, uri, [d], ['quickfix']);
    const file = actions.find((a) => a.title === 'Ignore remote-script-piped-to-shell in this file');
    const after = applyAndSync(s, uri, text, file.edit, 2);
    assert.equal(
      after,
      '# syntax=docker/dockerfile:1\n# dockwarden-ignore-file remote-script-piped-to-shell\nFROM alpine:3.20\nRUN curl https://example.com/x.sh | sh\n',
    );
    await s.waitFor('gone', () => s.latest(uri)?.version === 2 && !codes(s.latest(uri)).includes('remote-script-piped-to-shell'));
    const line = (await codeActions(s, byName, [diag(s, byName, 'remote-script-piped-to-shell')!], ['quickfix'])).find((a) =>
      /for this line/.test(a.title),
    );
    const after2 = applyAndSync(s, byName, text, line.edit, 2);
    assert.equal(after2.split('\n')[2], '# dockwarden-ignore remote-script-piped-to-shell');
    await s.waitFor(
      'gone by line',
      () => s.latest(byName)?.version === 2 && !codes(s.latest(byName)).includes('remote-script-piped-to-shell'),
    );
    assert.ok(!codes(s.latest(byName)).includes('unused-suppression'));
  });
});

test('an open .dockwarden.yaml shows its errors where they are written', async () => {
  const dir = copyFixture('compose-basic');
  const uri = uriOf(path.join(dir, '.dockwarden.yaml'));
  await withSession({ rootDir: dir }, async (s) => {
    s.open(uri, 'rules:\n  privileged: loud\n  privilegd: off\n', 'yaml');
    await s.waitFor('config errors', () => (s.latest(uri)?.diagnostics.length ?? 0) >= 2);
    const d = s.latest(uri)!.diagnostics;
    assert.deepEqual(
      d.map((x) => [x.code, x.range.start.line]),
      [
        ['config-error', 1],
        ['config-error', 2],
      ],
    );
    assert.match(d[1].message, /did you mean 'privileged'/);
    assert.equal(d[0].codeDescription, undefined);
    assert.deepEqual(await codeActions(s, uri, d, ['quickfix']), []);
  });
});
