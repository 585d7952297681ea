/**
 * Parses kept across lints (server/src/project/parse-cache.ts): a keystroke in compose.yaml does not parse its
 * override again, and a kept parse never outlives a change to its file, its environment or a linked Dockerfile.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintComposeProject } from '../../server/src/lint';
import { clearComposeParseCache } from '../../server/src/project/parse-cache';
import type { FileAccess } from '../../server/src/fs';
import type { Finding } from '../../shared-rules/src/rule';

const dir = '/work/cache-project';
const base = `${dir}/compose.yaml`;
const override = `${dir}/compose.override.yaml`;

function memory(files: Record<string, string>): FileAccess & { files: Record<string, string> } {
  return { files, readText: (f) => files[f] };
}

const rules = (findings: Finding[]) =>
  findings.map((f) => `${f.rule}@${f.at.file.slice(dir.length + 1)}:${f.at.range.start.line + 1}`).sort();

function fresh(fs: FileAccess, file: string, text: string): string[] {
  clearComposeParseCache();
  return rules(lintComposeProject({ file, text, files: fs }).findings);
}

test('a keystroke in the base file reuses the parse of its unchanged override', () => {
  clearComposeParseCache();
  const fs = memory({
    [base]: 'services:\n  web:\n    image: nginx:1.27\n',
    [override]: 'services:\n  web:\n    privileged: true\n',
  });
  const first = lintComposeProject({ file: base, text: fs.files[base], files: fs }).project;
  const second = lintComposeProject({ file: base, text: fs.files[base] + '# typed\n', files: fs }).project;
  assert.equal(second.parsed.length, 2);
  // The loader copies a parse to set its containers; the problems list is the parse's own.
  assert.equal(second.parsed[1].problems, first.parsed[1].problems, 'the override was not parsed again');
  assert.notEqual(second.parsed[0].problems, first.parsed[0].problems, 'the edited file was');
});

test('a kept parse is dropped when its file or its environment changes', () => {
  clearComposeParseCache();
  const fs = memory({
    [base]: 'services:\n  web:\n    image: nginx:1.27\n',
    [override]: 'services:\n  web:\n    network_mode: ${NET}\n',
  });
  const lint = () => rules(lintComposeProject({ file: base, text: fs.files[base], files: fs }).findings);
  assert.ok(!lint().some((r) => r.startsWith('host-network')));
  fs.files[`${dir}/.env`] = 'NET=host\n';
  assert.ok(
    lint().some((r) => r.startsWith('host-network@compose.override.yaml')),
    'the new .env value is seen',
  );
  assert.deepStrictEqual(lint(), fresh(fs, base, fs.files[base]));
  fs.files[override] = 'services:\n  web:\n    privileged: true\n';
  const after = lint();
  assert.ok(
    after.some((r) => r.startsWith('privileged@compose.override.yaml')) && !after.some((r) => r.startsWith('host-network')),
    after.join(' '),
  );
  assert.deepStrictEqual(after, fresh(fs, base, fs.files[base]));
});

test('a Dockerfile linked by a kept parse is read again on every lint, and never sticks to the parse', () => {
  clearComposeParseCache();
  const fs = memory({
    [base]: 'services:\n  app:\n    build: .\n    pids_limit: 100\n',
    [`${dir}/Dockerfile`]: 'FROM alpine:3.20\nUSER root\n',
  });
  const lint = () => rules(lintComposeProject({ file: base, text: fs.files[base], files: fs }).findings);
  assert.ok(
    lint().some((r) => r.startsWith('root-user@')),
    'USER root in the Dockerfile',
  );
  fs.files[`${dir}/Dockerfile`] = 'FROM alpine:3.20\nUSER 10001\n';
  assert.ok(!lint().some((r) => r.startsWith('root-user@')), 'the changed Dockerfile is read');
  fs.files[`${dir}/Dockerfile`] = 'FROM alpine:3.20\nUSER root\n';
  lint();
  delete fs.files[`${dir}/Dockerfile`];
  // With no Dockerfile the service's own settings decide, as in a fresh lint: no stage left from an earlier one.
  assert.deepStrictEqual(lint(), fresh(fs, base, fs.files[base]));
});
