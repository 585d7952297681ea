/** The CLI and the language server keep working on mutated real files (the lint path is fuzzed in unit/fuzz). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { caseFile, mutatedFile, seeds } from '../helpers/mutations';
import { ROOT, startSession, tempDir, uriOf, withTimeout } from './harness';

const RUNS = Math.max(20, Math.floor(Number(process.env.DOCKWARDEN_FUZZ_RUNS ?? 1500) / 10));

function samples(n: number) {
  return fc.sample(mutatedFile(seeds()), { numRuns: n, seed: 4242 });
}

test(`the CLI lints ${RUNS} mutated files in one run and lists every one`, { timeout: 300_000 }, () => {
  const dir = tempDir('dw-fuzz-cli-');
  const written = samples(RUNS).map(({ seed, text }, i) => {
    const name = caseFile(seed, i);
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
    return name;
  });
  specialFiles(dir);
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'dockwarden.js'), '--format', 'json', '--fail-on', 'none', '.'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 240_000,
    maxBuffer: 1 << 28,
  });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { files: string[]; findings: { rule: string; message: string }[] };
  // Every mutated file is listed; of the special files, only those that are files (never the FIFO or devices).
  assert.deepEqual(out.files.filter((f) => !f.startsWith('special/')).sort(), [...written].sort());
  assert.ok(
    out.files.every((f) => !/fifo|zero|random/.test(f)),
    out.files.join(' '),
  );
  const internal = out.findings.find((f) => f.rule === 'internal-error');
  assert.equal(internal, undefined, internal?.message);
});

/**
 * What a hostile checkout can hold besides text: links to devices, a FIFO, a link loop, links out of the folder,
 * and files that name them (`extends`, `.env`, COMPOSE_FILE). None of it may block, loop or be read.
 */
function specialFiles(dir: string): void {
  const sub = path.join(dir, 'special');
  fs.mkdirSync(sub);
  execFileSync('mkfifo', [path.join(sub, 'fifo-compose.yaml')]);
  execFileSync('mkfifo', [path.join(sub, 'pipe.conf')]);
  fs.symlinkSync('/dev/zero', path.join(sub, 'zero-compose.yaml'));
  fs.symlinkSync('/dev/zero', path.join(sub, '.env'));
  fs.symlinkSync('/dev/urandom', path.join(sub, 'Dockerfile.random'));
  fs.symlinkSync('/etc/hostname', path.join(sub, 'outside-compose.yaml'));
  fs.symlinkSync('..', path.join(sub, 'loop'));
  fs.writeFileSync(
    path.join(sub, 'docker-compose.yml'),
    'services:\n  web:\n    image: nginx:1.25\n    extends:\n      file: pipe.conf\n      service: base\n  z:\n    extends: {file: zero-compose.yaml, service: x}\n',
  );
}

test(`the CLI with --fix, --baseline and --config on special files and links returns at once`, { timeout: 120_000 }, () => {
  const dir = tempDir('dw-fuzz-special-');
  specialFiles(dir);
  for (const args of [
    ['--fix', '--dry-run', '.'],
    ['--baseline', 'special/fifo-compose.yaml', '.'],
    ['--config', 'special/zero-compose.yaml', '.'],
    ['--baseline', 'special/.env', '--update-baseline', '.'],
  ]) {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'dockwarden.js'), '--fail-on', 'none', ...args], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.notEqual(r.signal, 'SIGTERM', `${args.join(' ')} did not return`);
    assert.ok(r.status === 0 || r.status === 2, `${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
    assert.ok(!r.stdout.includes('\u0000'), 'nothing of /dev/zero was read');
  }
});

/** Malformed base-protocol input: a valid stream of messages with one corruption. */
const corruptStream = fc
  .tuple(
    fc.nat(),
    fc.constantFrom<(s: string, at: number) => string>(
      (s, at) => s.slice(0, at) + s.slice(at + 1), // a byte lost
      (s, at) => s.slice(0, at) + 'x' + s.slice(at), // a byte added
      (s, at) => s.slice(0, at) + '\r\n\r\n' + s.slice(at), // a header cut short
      (s) => s.replace(/Content-Length: \d+/, 'Content-Length: abc'),
      (s) => s.replace(/Content-Length: \d+/, 'Content-Length: -5'),
      (s) => s.replace(/Content-Length: (\d+)/, (_, n: string) => `Content-Length: ${Number(n) * 1000}`),
      (s) => s.replace('Content-Length', 'Content-Lenght'),
      (s, at) => s.slice(0, at) + '\u0000'.repeat(at % 5000) + s.slice(at),
    ),
  )
  .map(([at, corrupt]) => {
    const body = (id: number) =>
      JSON.stringify({ jsonrpc: '2.0', id, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    const frame = (b: string) => `Content-Length: ${Buffer.byteLength(b)}\r\n\r\n${b}`;
    const stream = frame(body(1)) + frame(body(2));
    return corrupt(stream, at % stream.length);
  });

test(
  `the language server answers or exits on ${Math.max(10, Math.floor(RUNS / 5))} corrupted streams, never hangs deaf`,
  { timeout: 600_000 },
  async () => {
    const cases = fc.sample(corruptStream, { numRuns: Math.max(10, Math.floor(RUNS / 5)), seed: 77 });
    for (const input of cases) {
      // One exception: a length made larger than the stream waits for the rest of its body, as the protocol says.
      const waitingForBody = /Content-Length: \d{6,}/.test(input);
      const outcome = await new Promise<{ exit: number | null; answered: boolean; stderr: string; ms: number }>((resolve) => {
        const proc = spawn(process.execPath, [path.join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        proc.stdout.on('data', (b) => (out += String(b)));
        proc.stderr.on('data', (b) => (err += String(b)));
        proc.stdin.on('error', () => undefined);
        // After the corrupted input, a well-formed request: answered, or the server has exited.
        const probe = JSON.stringify({ jsonrpc: '2.0', id: 99, method: 'shutdown' });
        const t0 = performance.now();
        proc.stdin.write(input);
        setTimeout(() => proc.exitCode === null && proc.stdin.write(`Content-Length: ${probe.length}\r\n\r\n${probe}`), 100);
        const finish = () => {
          clearInterval(poll);
          clearTimeout(timer);
          const r = { exit: proc.exitCode, answered: /"id":(1|2|99)\b/.test(out), stderr: err, ms: performance.now() - t0 };
          if (proc.exitCode === null) proc.kill('SIGKILL');
          resolve(r);
        };
        const poll = setInterval(() => (out.includes('"id":99') || proc.exitCode !== null) && finish(), 20);
        const timer = setTimeout(finish, waitingForBody ? 2000 : 15_000);
      });
      // A corrupted body may still frame correctly (then the server answers); a corrupted header ends it. Either way,
      // it never waits forever: what reaches it after the corruption is answered, or it has exited.
      const deaf = outcome.exit === null && !outcome.answered;
      if (process.env.DOCKWARDEN_FUZZ_TRACE)
        console.log(outcome.ms.toFixed(0), outcome.exit, outcome.answered, JSON.stringify(input.slice(0, 120)));
      assert.ok(!deaf || waitingForBody, `alive and deaf after ${JSON.stringify(input.slice(0, 200))}; stderr: ${outcome.stderr}`);
    }
  },
);

test(`the language server answers ${RUNS} mutated documents and keeps serving`, { timeout: 300_000 }, async () => {
  const dir = tempDir('dw-fuzz-lsp-');
  const session = await startSession({ settings: { debounceMs: 0 }, rootDir: dir });
  try {
    let i = 0;
    for (const { seed, text } of samples(RUNS)) {
      const uri = uriOf(path.join(dir, caseFile(seed, i)));
      session.open(uri, text, seed.languageId);
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
