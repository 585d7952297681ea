/**
 * Parses kept across lints (server/src/project/parse-cache.ts): a keystroke in compose.yaml does not parse its
 * override again, and a kept parse never outlives a change to its file, its environment or a linked Dockerfile.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analysisFor, lintProject } from '../helpers/lint';
import type { Analysis } from '../../server/src/analysis';
import type { ComposeFrontEnd } from '../../server/src/compose/frontend';
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

/** A lint with nothing kept from before. */
function fresh(fs: FileAccess, file: string, text: string): string[] {
  return rules(lintProject({ file, text, files: fs }));
}

/** One analysis for several lints: what it keeps between them is what is tested. */
function linter(fs: FileAccess): { analysis: Analysis; lint(file: string, text: string): string[] } {
  const analysis = analysisFor({ files: fs });
  return {
    analysis,
    lint: (file, text) => {
      const r = analysis.lint(file, { text, overrides: { profile: 'strict' } });
      return rules([...r.findings, ...r.elsewhere]);
    },
  };
}

test('a keystroke in the base file reuses the parse of its unchanged override', () => {
  const fs = memory({
    [base]: 'services:\n  web:\n    image: nginx:1.27\n',
    [override]: 'services:\n  web:\n    privileged: true\n',
  });
  const { analysis, lint } = linter(fs);
  const parses = analysis.frontEnd<ComposeFrontEnd>('compose')!.parses;
  const first = lint(base, fs.files[base]);
  assert.deepEqual(parses.parsed.sort(), [base, override].sort());
  parses.parsed = [];
  assert.deepEqual(lint(base, fs.files[base] + '# typed\n'), first);
  assert.deepEqual(parses.parsed, [base], 'the override was not parsed again, the edited file was');
  // Two analyses never share a cache.
  const other = linter(fs);
  other.lint(base, fs.files[base]);
  assert.deepEqual(other.analysis.frontEnd<ComposeFrontEnd>('compose')!.parses.parsed.sort(), [base, override].sort());
});

test('a kept parse is dropped when its file or its environment changes', () => {
  const fs = memory({
    [base]: 'services:\n  web:\n    image: nginx:1.27\n',
    [override]: 'services:\n  web:\n    network_mode: ${NET}\n',
  });
  const kept = linter(fs);
  const lint = () => kept.lint(base, fs.files[base]);
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
  const fs = memory({
    [base]: 'services:\n  app:\n    build: .\n    pids_limit: 100\n',
    [`${dir}/Dockerfile`]: 'FROM alpine:3.20\nUSER root\n',
  });
  const kept = linter(fs);
  const lint = () => kept.lint(base, fs.files[base]);
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
