import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ignoreFileEdit, ignoreLineEdit, minimalEdit, removeSuppressionEdit } from '../../server/src/lsp/text-edits';
import { fixAllText } from '../../server/src/lsp/fix-all';
import { Debouncer } from '../../server/src/lsp/debounce';
import { normalizeSettings } from '../../server/src/lsp/settings';
import { isWithinDir, pathToUri, uriToPath } from '../../server/src/lsp/uris';
import { sameTreeDependents } from '../../server/src/lsp/server';
import { applyLspEdits } from './harness';
import type { Finding } from '../../shared-rules/src/rule';

const apply = (text: string, e: { range: any; newText: string }) => applyLspEdits(text, [e]);

test('ignore-line: above the line, with its indentation and the CRLF of the file', () => {
  const text = 'services:\r\n  web:\r\n    volumes:\r\n      - /var/run/docker.sock:/s\r\n';
  assert.equal(
    apply(text, ignoreLineEdit(text, 3, 'docker-socket-mount')).split('\r\n')[3],
    '      # dockwarden-ignore docker-socket-mount',
  );
  assert.ok(!/[^\r]\n/.test(apply(text, ignoreLineEdit(text, 3, 'x'))));
  const df = 'FROM alpine\nRUN apk add curl \\\n\t&& sudo ls\n';
  assert.equal(
    apply(df, ignoreLineEdit(df, 2, 'sudo-in-run')),
    'FROM alpine\nRUN apk add curl \\\n\t# dockwarden-ignore sudo-in-run\n\t&& sudo ls\n',
  );
});

test('ignore-file: at the top, after Dockerfile parser directives only', () => {
  const df = '# syntax=docker/dockerfile:1\n# escape=\\\nFROM alpine\n';
  assert.equal(
    apply(df, ignoreFileEdit(df, 'root-user', 'dockerfile')),
    '# syntax=docker/dockerfile:1\n# escape=\\\n# dockwarden-ignore-file root-user\nFROM alpine\n',
  );
  assert.equal(apply('# syntax=x', ignoreFileEdit('# syntax=x', 'r', 'dockerfile')), '# syntax=x\n# dockwarden-ignore-file r\n');
  const compose = '# key=value comment\nservices: {}\n';
  assert.equal(apply(compose, ignoreFileEdit(compose, 'r', 'compose')), '# dockwarden-ignore-file r\n' + compose);
});

test('removing an unused suppression: the whole own line, or just the trailing comment', () => {
  const own = 'a: 1\n  # dockwarden-ignore x\nb: 2\n';
  assert.equal(
    apply(own, removeSuppressionEdit(own, { start: { line: 1, character: 2 }, end: { line: 1, character: 22 } })),
    'a: 1\nb: 2\n',
  );
  const trailing = 'a: 1  # dockwarden-ignore x\n';
  assert.equal(
    apply(trailing, removeSuppressionEdit(trailing, { start: { line: 0, character: 6 }, end: { line: 0, character: 26 } })),
    'a: 1\n',
  );
});

test('minimal edit never splits CRLF or a surrogate pair and reproduces the target', () => {
  const cases: [string, string][] = [
    ['a\r\nb\r\n', 'a\r\nx\r\nb\r\n'],
    ['x🐳y', 'x🐋y'],
    ['same', 'same'],
    ['abc', ''],
    ['', 'abc'],
    ['k: 1\r\n', 'k: 1\r\nz: 2\r\n'],
  ];
  for (const [a, b] of cases) {
    const doc = TextDocument.create('file:///x', 'yaml', 1, a);
    const e = minimalEdit(a, b, (o) => doc.positionAt(o));
    if (a === b) {
      assert.equal(e, undefined);
      continue;
    }
    assert.equal(TextDocument.applyEdits(doc, [e!]), b);
    const start = doc.offsetAt(e!.range.start);
    assert.ok(!(a[start - 1] === '\r' && a[start] === '\n'));
  }
});

test('fix-all: one fix per lint; a fix that does not remove its finding is applied once; non-converging input stops', () => {
  const at = { file: 'f', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  // A "fix" that always inserts text and never clears its finding.
  const bad = (): Finding[] => [
    {
      rule: 'r',
      severity: 'info',
      message: 'm',
      at,
      fix: { title: 't', edits: [{ file: 'f', range: at.range, newText: 'x' }], safety: 'safe' },
    },
  ];
  assert.deepEqual(fixAllText('f', '', bad), { text: 'x', applied: 1 });
  // Edits in another file are skipped.
  const other = (): Finding[] => [
    {
      rule: 'r',
      severity: 'info',
      message: 'm',
      at,
      fix: { title: 't', edits: [{ file: 'g', range: at.range, newText: 'x' }], safety: 'safe' },
    },
  ];
  assert.deepEqual(fixAllText('f', '', other), { text: '', applied: 0 });
  // Two overlapping fixes: the second is recomputed on the new text.
  const lint = (t: string): Finding[] =>
    t.includes('AB')
      ? [
          {
            rule: 'a',
            severity: 'info',
            message: 'a',
            at,
            fix: {
              title: 'a',
              edits: [{ file: 'f', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } }, newText: 'A' }],
              safety: 'safe',
            },
          },
          {
            rule: 'b',
            severity: 'info',
            message: 'b',
            at,
            fix: {
              title: 'b',
              edits: [{ file: 'f', range: { start: { line: 0, character: 1 }, end: { line: 0, character: 2 } }, newText: 'b' }],
              safety: 'safe',
            },
          },
        ]
      : [];
  assert.deepEqual(fixAllText('f', 'AB', lint), { text: 'A', applied: 1 });
});

test('settings are coerced: bad values fall back to defaults', () => {
  const s = normalizeSettings({
    run: 'sometimes',
    debounceMs: -5,
    rules: { privileged: 'off', x: 'loud', y: false },
    trustedRegistries: [],
    composeFiles: [1, 'a.yml'],
  });
  assert.equal(s.run, 'onType');
  assert.equal(s.debounceMs, 0);
  assert.deepEqual(s.rules, { privileged: 'off', y: 'off' });
  assert.equal(s.trustedRegistries, undefined);
  assert.deepEqual(s.composeFiles, ['a.yml']);
  assert.equal(normalizeSettings(null).debounceMs, 150);
});

test('URIs: file URIs become paths and back; virtual documents get pseudo paths that never resolve to disk', () => {
  const p = uriToPath('file:///tmp/a%20b/docker-compose.yml');
  assert.equal(p, '/tmp/a b/docker-compose.yml');
  assert.equal(pathToUri(p), 'file:///tmp/a%20b/docker-compose.yml');
  const v = uriToPath('vscode-vfs://github/acme/repo/compose.yaml');
  assert.equal(v, 'vscode-vfs:/github/acme/repo/compose.yaml');
  assert.equal(pathToUri(v), undefined);
  assert.equal(pathToUri(v, new Map([[v, 'vscode-vfs://github/acme/repo/compose.yaml']])), 'vscode-vfs://github/acme/repo/compose.yaml');
  assert.ok(isWithinDir('/a/b/c', '/a'));
  assert.ok(!isWithinDir('/ab', '/a'));
});

test('dependents: open documents in the same directory, below it or above it', () => {
  const open = ['/p/docker-compose.yml', '/p/app/Dockerfile', '/q/docker-compose.yml', '/p/.env'];
  assert.deepEqual(sameTreeDependents('/p/.env', open), ['/p/docker-compose.yml', '/p/app/Dockerfile']);
  assert.deepEqual(sameTreeDependents('/p/app/Dockerfile', open), ['/p/docker-compose.yml', '/p/.env']);
});

test('debouncer: only the last scheduled job of a key runs', async () => {
  const d = new Debouncer<string>();
  const ran: number[] = [];
  d.schedule('k', 20, () => ran.push(1));
  d.schedule('k', 20, () => ran.push(2));
  d.schedule('j', 0, () => ran.push(3));
  await new Promise((r) => setTimeout(r, 60));
  assert.deepEqual(ran.sort(), [2, 3]);
  d.dispose();
});
