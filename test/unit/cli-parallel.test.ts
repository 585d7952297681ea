/**
 * The CLI lints many files on worker threads (server/src/cli/parallel.ts): the output must be byte for byte
 * what one thread gives, in every format.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCli, type CliIo } from '../../server/src/cli/run';

const repo = path.resolve(__dirname, '..', '..', '..');
const fixtures = path.join(repo, 'test', 'fixtures');
const workerScript = path.join(repo, 'out', 'server', 'src', 'cli', 'main.js');

function run(args: string[], parallel: CliIo['parallel']): { status: number; out: string } {
  let out = '';
  const io: CliIo = { cwd: fixtures, env: {}, stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true }, parallel };
  return { status: runCli(args, io), out };
}

for (const format of ['json', 'sarif', 'text']) {
  test(`parallel lint gives the same ${format} output as one thread`, () => {
    const args = ['--format', format, '--fail-on', 'none', 'compose', 'dockerfile', 'projects'];
    const one = run(args, undefined);
    let workerFiles = 0;
    const many = run(args, { script: workerScript, minFiles: 2, workers: 2, mainLints: false, report: (n) => (workerFiles = n) });
    assert.ok(workerFiles > 0, 'the workers linted the files');
    assert.equal(many.status, one.status);
    assert.equal(many.out, one.out);
    assert.ok(one.out.length > 1000, 'the fixtures give findings to compare');
  });
}

test('no worker starts for an input below the size that pays for one', () => {
  const args = ['--format', 'json', '--fail-on', 'none', 'compose', 'dockerfile', 'projects'];
  let reported: number | undefined;
  // The fixtures are a few KB: with the default threshold (1 MiB), or any above their size, the main thread lints alone.
  for (const minBytes of [undefined, 64 * 1024]) {
    const r = run(args, { script: workerScript, minFiles: 2, minBytes, report: (n) => (reported = n) });
    assert.equal(r.out, run(args, undefined).out);
  }
  assert.equal(reported, undefined, 'no worker was started');
});
