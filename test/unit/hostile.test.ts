/** Hostile and odd inputs: each gives a bounded, complete result and never a crash. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lintText } from '../helpers/lint';
import { decodeBytes, encodeText } from '../../server/src/analysis/decode';
import { Analysis } from '../../server/src/analysis';
import type { Finding } from '../../shared-rules/src/rule';

function compose(text: string, file = '/hostile/compose.yaml'): Finding[] {
  return lintText({ file, text, kind: 'compose' }).findings;
}

function dockerfile(text: string): Finding[] {
  return lintText({ file: '/hostile/Dockerfile', text, kind: 'dockerfile' }).findings;
}

const rules = (fs: Finding[]) => fs.map((f) => f.rule);

function timed<T>(fn: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

test('alias bomb ("billion laughs"): bounded time and a finding that says why', () => {
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) {
    const prev = String.fromCharCode(96 + i);
    const cur = String.fromCharCode(97 + i);
    levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  const text = `x-bomb:\n${levels.map((l) => `  ${l}`).join('\n')}\nservices:\n  web:\n    image: nginx:1.25\n    environment: *j\n`;
  const { value, ms } = timed(() => compose(text));
  assert.ok(ms < 2000, `took ${ms} ms`);
  const err = value.find((f) => f.rule === 'parse-error');
  assert.ok(err, rules(value).join(' '));
  assert.match(err.message, /alias/i);
});

test('a 10 MB compose file gives a clear file-too-large finding quickly', () => {
  const service = '  svc:\n    image: nginx:1.25\n    environment:\n      PAD: "' + 'x'.repeat(1000) + '"\n';
  const text = 'services:\n' + Array.from({ length: 10_000 }, (_, i) => service.replace('svc', `svc${i}`)).join('');
  assert.ok(text.length > 10_000_000);
  const { value, ms } = timed(() => compose(text));
  assert.ok(ms < 3000, `took ${ms} ms`);
  assert.deepEqual(rules(value), ['file-too-large']);
});

test('binary content and NUL bytes: a parse error or nothing, never a crash', () => {
  const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
  for (const text of [bytes.toString('latin1'), 'services:\n  web:\n    image: "a\u0000b"\n', '\u0000\u0000\u0000']) {
    assert.ok(!rules(compose(text)).includes('internal-error'));
    assert.ok(!rules(dockerfile(text)).includes('internal-error'));
  }
});

test('UTF-8 BOM: columns stay right', () => {
  const findings = compose('\uFEFFservices:\n  web:\n    privileged: true\n');
  const f = findings.find((x) => x.rule === 'privileged');
  assert.ok(f);
  assert.deepEqual(f.at.range.start, { line: 2, character: 16 });
});

test('UTF-16 and UTF-8 BOM files are decoded by their byte-order mark, and encoded back the same way', () => {
  const text = 'services:\n  web:\n    privileged: true\n';
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  assert.deepEqual(decodeBytes(le), { text, encoding: 'utf16le', lossless: true });
  const be = Buffer.from(le);
  be.swap16();
  assert.deepEqual(decodeBytes(be), { text, encoding: 'utf16be', lossless: true });
  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
  assert.deepEqual(decodeBytes(bom), { text, encoding: 'utf8bom', lossless: true });
  for (const bytes of [le, be, bom]) assert.deepEqual(encodeText(decodeBytes(bytes).text, decodeBytes(bytes).encoding), bytes);
  assert.equal(decodeBytes(Buffer.from([0x61, 0xff, 0x62])).lossless, false);
  // The CLI and the editor read them alike: the finding is where it is written, on the same column.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-utf16-'));
  for (const [name, bytes] of [
    ['le', le],
    ['be', be],
    ['bom', bom],
  ] as const) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, 'compose.yaml'), bytes);
    const found = new Analysis().lint(path.join(dir, name, 'compose.yaml')).findings.find((f) => f.rule === 'privileged');
    assert.deepEqual(found?.at.range, { start: { line: 2, character: 16 }, end: { line: 2, character: 20 } }, name);
  }
});

test('CRLF, mixed line endings and tabs', () => {
  const crlf = compose('services:\r\n  web:\r\n    privileged: true\r\n');
  assert.deepEqual(crlf.find((f) => f.rule === 'privileged')?.at.range, {
    start: { line: 2, character: 16 },
    end: { line: 2, character: 20 },
  });
  const mixed = compose('services:\r\n  web:\n    privileged: true\r\n    pid: host\n');
  assert.ok(rules(mixed).includes('privileged') && rules(mixed).includes('host-pid'));
  const tabs = compose('services:\n\tweb:\n\t\tprivileged: true\n');
  assert.ok(rules(tabs).includes('parse-error'), 'tabs are not YAML indentation');
});

test('1-space indentation, multi-document YAML, duplicate keys', () => {
  assert.ok(rules(compose('services:\n web:\n  privileged: true\n')).includes('privileged'));
  const multi = compose('services:\n  web:\n    privileged: true\n---\nother: 1\n');
  assert.ok(rules(multi).includes('privileged'));
  const dup = compose('services:\n  web:\n    privileged: true\n    privileged: false\n');
  assert.ok(rules(dup).includes('parse-error'));
});

test('`services` that is not a mapping', () => {
  for (const text of ['services: 3\n', 'services:\n  - web\n', 'services: "x"\n', 'services:\n  web: 5\n']) {
    const fs2 = compose(text);
    assert.ok(rules(fs2).includes('parse-error'), `${JSON.stringify(text)} → ${rules(fs2).join(' ')}`);
  }
});

test('a Dockerfile with 10,000 lines and one with a 1 MB RUN line', () => {
  const long = ['FROM debian:12.5'];
  for (let i = 0; i < 9_998; i++) long.push(i % 2 ? `RUN echo step ${i}` : `ENV VAR_${i}=value${i}`);
  long.push('USER 10001');
  const a = timed(() => dockerfile(long.join('\n') + '\n'));
  // A bound against hangs, with room for a loaded 2-core CI machine (about 4 s there today; 5,000 RUNs each parsed).
  assert.ok(a.ms < 15_000, `10,000 lines took ${a.ms} ms`);
  assert.ok(!rules(a.value).includes('internal-error'));
  const b = timed(() => dockerfile(`FROM debian:12.5\nRUN echo ${'a'.repeat(1_000_000)} && curl -fsSL https://x.example/i.sh | sh\n`));
  assert.ok(b.ms < 5000, `1 MB RUN took ${b.ms} ms`);
  assert.ok(rules(b.value).includes('remote-script-piped-to-shell'), rules(b.value).join(' '));
});
