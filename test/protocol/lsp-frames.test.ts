/** Malformed base-protocol frames on stdin: the server answers or exits, never stays alive and deaf. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { SERVER } from './harness';

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { processId: null, rootUri: null, capabilities: {} },
});
const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

interface Outcome {
  exitCode: number | null;
  answered: boolean;
  stderr: string;
}

/** Writes `chunks` (then a valid initialize request) and watches for an answer or an exit, within `ms`. */
function feed(chunks: string[], ms = 8000): Promise<Outcome> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (b) => (stdout += String(b)));
    proc.stderr.on('data', (b) => (stderr += String(b)));
    proc.stdin.on('error', () => undefined); // the server may exit before all is written
    const done = () => {
      clearTimeout(timer);
      const outcome = { exitCode: proc.exitCode, answered: stdout.includes('"id":1'), stderr };
      if (proc.exitCode === null) proc.kill('SIGKILL');
      resolve(outcome);
    };
    const timer = setTimeout(done, ms);
    proc.once('exit', () => setTimeout(done, 50));
    for (const c of chunks) proc.stdin.write(c);
    setTimeout(() => proc.exitCode === null && proc.stdin.write(frame(INITIALIZE)), 200);
    const poll = setInterval(() => {
      if (stdout.includes('"id":1')) {
        clearInterval(poll);
        done();
      }
    }, 20);
    proc.once('exit', () => clearInterval(poll));
  });
}

for (const [name, chunks] of [
  ['Content-Length: abc', ['Content-Length: abc\r\n\r\n{}']],
  ['Content-Length: -5', ['Content-Length: -5\r\n\r\n{}']],
  ['no Content-Length', ['Content-Type: application/vscode-jsonrpc\r\n\r\n{}']],
  ['a header that never ends', ['x'.repeat(20_000)]],
  ['a body of 10 GB announced', ['Content-Length: 10000000000\r\n\r\n{}']],
] as const) {
  test(`${name}: the server exits with a reason on stderr, never stays alive and deaf`, async () => {
    const outcome = await feed([...chunks]);
    assert.equal(outcome.exitCode, 1, `still running, or exited ${outcome.exitCode}; stderr: ${outcome.stderr}`);
    assert.match(outcome.stderr, /invalid input on stdin/);
  });
}

test('valid frames split at every byte, and a body that is not JSON: still answered', async () => {
  const text = frame('{not json') + frame(INITIALIZE);
  const outcome = await feed(text.split(''));
  assert.equal(outcome.exitCode, null, outcome.stderr);
  assert.ok(outcome.answered, outcome.stderr);
});
