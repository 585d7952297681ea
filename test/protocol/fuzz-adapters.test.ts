/** The CLI and the language server keep working on mutated real files (the lint path is fuzzed in unit/fuzz). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { mutatedFile, seeds } from '../helpers/mutations';
import { ROOT, startSession, tempDir, uriOf, withTimeout } from './harness';

const RUNS = Math.max(20, Math.floor(Number(process.env.DOCKWARDEN_FUZZ_RUNS ?? 1500) / 10));

function samples(n: number) {
  return fc.sample(mutatedFile(seeds()), { numRuns: n, seed: 4242 });
}

test(`the CLI lints ${RUNS} mutated files in one run and lists every one`, { timeout: 300_000 }, () => {
  const dir = tempDir('dw-fuzz-cli-');
  const written = samples(RUNS).map(({ seed, text }, i) => {
    const name = seed.kind === 'compose' ? `case${i}-compose.yaml` : `case${i}.Dockerfile`;
    fs.writeFileSync(path.join(dir, name), text);
    return name;
  });
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'dockwarden.js'), '--format', 'json', '--fail-on', 'none', '.'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 240_000,
    maxBuffer: 1 << 28,
  });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { files: string[]; findings: { rule: string; message: string }[] };
  assert.deepEqual([...out.files].sort(), [...written].sort());
  const internal = out.findings.find((f) => f.rule === 'internal-error');
  assert.equal(internal, undefined, internal?.message);
});

test(`the language server answers ${RUNS} mutated documents and keeps serving`, { timeout: 300_000 }, async () => {
  const dir = tempDir('dw-fuzz-lsp-');
  const session = await startSession({ settings: { debounceMs: 0 }, rootDir: dir });
  try {
    let i = 0;
    for (const { seed, text } of samples(RUNS)) {
      const file = path.join(dir, seed.kind === 'compose' ? `c${i}-compose.yaml` : `c${i}.Dockerfile`);
      const uri = uriOf(file);
      session.open(uri, text, seed.kind === 'compose' ? 'dockercompose' : 'dockerfile');
      await session.waitFor(`diagnostics for case ${i}`, () => session.latest(uri), 20_000);
      i++;
    }
    // Still serving: a fresh, well-formed document gets its diagnostics.
    const ok = uriOf(path.join(dir, 'after-compose.yaml'));
    session.open(ok, 'services:\n  web:\n    privileged: true\n', 'dockercompose');
    const published = await session.waitFor('diagnostics after the fuzz', () => session.latest(ok), 20_000);
    assert.ok(published.diagnostics.some((d) => d.code === 'privileged'));
    assert.equal(session.proc.exitCode, null, 'the server is still running');
  } finally {
    await withTimeout(session.close(), 10_000).catch(() => session.proc.kill('SIGKILL'));
  }
});
