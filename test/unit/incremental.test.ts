/**
 * The typing path (server/src/compose/typing.ts, and the core's findings kept per container) must give exactly
 * what a full lint gives: random edit sequences on generated Compose files, each version linted both ways and
 * compared — findings in the file, findings written in its override file, and dependencies.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { analysisFor } from '../helpers/lint';
import type { ComposeFrontEnd } from '../../server/src/compose/frontend';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-incremental-'));
const file = path.join(dir, 'compose.yaml');
fs.writeFileSync(path.join(dir, '.env'), 'TAG=1.2.3\n');
fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM debian:12\nRUN echo hi\n');

/** A Compose file of `n` services in the plain layout the incremental path handles, with an anchor and variables. */
function composeText(n: number): string {
  const lines = [
    '# generated',
    'x-common: &common',
    '  restart: unless-stopped',
    '  security_opt:',
    '    - no-new-privileges:true',
    '',
    'services:',
  ];
  for (let i = 0; i < n; i++) {
    lines.push(
      `  svc${i}:`,
      '    <<: *common',
      `    image: registry.example.com/app${i}:\${TAG}`,
      '    ports:',
      `      - "${8000 + i}:80"`,
    );
    if (i % 3 === 0) lines.push('    depends_on:', `      - svc${(i + 1) % n}`);
    if (i % 4 === 1) lines.push('    build: .', '    user: root');
    if (i % 5 === 2) lines.push('    # dockwarden-ignore cap-drop-missing', '    privileged: true');
    lines.push('    environment:', `      DB_PASSWORD: secret${i}`);
  }
  lines.push('volumes:', '  data: {}', '  # named volumes', '  cache:', '    driver: local', 'networks:', '  front: {}');
  return lines.join('\n') + '\n';
}

/** What users type inside a service: settings, list items, comments, half-typed text, syntax errors. */
const snippets = [
  '    privileged: true',
  '    network_mode: none',
  '    network_mode: host',
  '    cap_drop: [ALL]',
  '    read_only: true',
  '    depends_on: [svc0]',
  '      - "0.0.0.0:2375:2375"',
  '      - /var/run/docker.sock:/var/run/docker.sock',
  '    volumes:',
  '    user: "1000"',
  '    # a comment',
  '# dockwarden-ignore-file image-no-digest',
  '    image: nginx@sha256:' + 'a'.repeat(64),
  '    pids_limit: 100',
  '    <<: *common',
  '    x: *nope',
  '    anchor: &mine {a: 1}',
  '    extends: svc0',
  '    image: "unclosed',
  '  svc_new:',
  '',
  '#',
  // top-level entries
  '  logs:',
  '    external: true',
  '  other: *common',
  '  bad: [unclosed',
  'secrets:',
  'x-more: &more {a: 1}',
  '  dup: {}',
];

type Edit = { kind: 'insert' | 'replace' | 'delete' | 'type'; at: number; snippet: number; chars: string };

const edit = fc.record({
  kind: fc.constantFrom<Edit['kind']>('insert', 'replace', 'delete', 'type', 'type'),
  at: fc.nat(),
  snippet: fc.nat(snippets.length - 1),
  chars: fc.constantFrom('#', 'x', ' ', ':', '"', '0'),
});

function apply(text: string, e: Edit): string {
  const lines = text.split('\n');
  const at = e.at % lines.length;
  if (e.kind === 'insert') lines.splice(at, 0, snippets[e.snippet]);
  else if (e.kind === 'replace') lines[at] = snippets[e.snippet];
  else if (e.kind === 'delete') lines.splice(at, 1);
  else lines[at] += e.chars;
  return lines.join('\n');
}

const overrides = { profile: 'strict' as const, rules: { 'image-unpinned': 'off' as const } };

/** The reference: a full lint by a fresh analysis (nothing kept from an earlier lint). */
function fullLint(text: string, at = file) {
  return analysisFor({ files: 'disk' }).lint(at, { text, kind: 'compose', overrides });
}

type Typed = (text: string, at?: string) => { result: ReturnType<typeof fullLint>; incremental: boolean };

/** One editor session on one document: every lint may take the typing path (reported as `incremental`). */
function session(): Typed {
  const analysis = analysisFor({ files: 'disk' });
  const compose = analysis.frontEnd<ComposeFrontEnd>('compose')!;
  return (text, at = file) => {
    const before = compose.fastLoads;
    const result = analysis.lint(at, { text, kind: 'compose', overrides, session: 'doc' });
    return { result, incremental: compose.fastLoads > before };
  };
}

/** Lints `text` to start a session, and checks that it qualifies (linting it again takes the typing path). */
function started(text: string, at = file): Typed {
  const typed = session();
  typed(text, at);
  assert.ok(typed(text, at).incremental, 'the generated file qualifies for the typing path');
  return typed;
}

test('incremental lint equals a full lint after every random edit', { timeout: 600_000 }, () => {
  let fast = 0;
  let versions = 0;
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 12 }), fc.array(edit, { minLength: 1, maxLength: 15 }), (n, edits) => {
      let text = composeText(n);
      const typed = started(text);
      for (const e of edits) {
        text = apply(text, e);
        const inc = typed(text);
        assert.deepStrictEqual(inc.result, fullLint(text), `after ${JSON.stringify(e)}:\n${text}`);
        if (inc.incremental) fast++;
        versions++;
      }
    }),
    { numRuns: 200 },
  );
  // The property is only worth something if the fast path actually ran on many of the versions. Random edits
  // often leave a syntax error or an anchor behind, which sends every later version of that run to a full lint:
  // the fast path typically takes 9-15 % of the versions, so the bound sits well below that, not at its edge.
  assert.ok(fast > versions / 25, `incremental path taken on ${fast} of ${versions} versions`);
  if (process.env.DW_TEST_VERBOSE) console.log(`single file: incremental on ${fast} of ${versions} versions`);
});

test('an edit inside one service of a large file re-parses only that service', () => {
  const text = composeText(200);
  const typed = session();
  typed(text);
  const edited = text.replace('  svc150:\n', '  svc150:\n    privileged: true\n');
  const second = typed(edited);
  assert.equal(second.incremental, true);
  assert.deepStrictEqual(second.result, fullLint(edited));
  assert.ok(second.result.findings.some((f) => f.rule === 'privileged' && f.at.range.start.line > 0));
});

test('an edit in a top-level entry the model does not read re-parses only that entry', () => {
  const text = composeText(50);
  // Each edit of the same text, in a session of its own.
  const typedAfter = (edited: string) => {
    const typed = session();
    typed(text);
    return typed(edited);
  };
  for (const edited of [
    text + '#',
    text.replace('  cache:\n', '  cache:\n    external: true\n'),
    text.replace('# generated\n', '# generated!\n\n'),
  ]) {
    const second = typedAfter(edited);
    assert.equal(second.incremental, true, edited.slice(-80));
    assert.deepStrictEqual(second.result, fullLint(edited));
  }
  // A syntax error there is reported, and an anchored x- entry is what services expand: both lint in full.
  for (const edited of [text.replace('  cache:\n', '  cache: [\n'), text.replace('  restart: unless-stopped', '  restart: always')]) {
    const second = typedAfter(edited);
    assert.notEqual(second.incremental, true);
    assert.deepStrictEqual(second.result, fullLint(edited));
  }
});

test('a changed .env makes the next lint a full one', () => {
  const text = composeText(5);
  const typed = session();
  typed(text);
  const env = path.join(dir, '.env');
  fs.writeFileSync(env, 'TAG=latest\n');
  try {
    const edited = text.replace('  svc3:\n', '  svc3:\n    # typing\n');
    const second = typed(edited);
    assert.notEqual(second.incremental, true);
    assert.deepStrictEqual(second.result, fullLint(edited));
  } finally {
    fs.writeFileSync(env, 'TAG=1.2.3\n');
  }
});

/** An override file for `composeText(n)`: refines some services (values reported there), never adds one. */
function overrideText(n: number, variant: number): string {
  const lines = ['# override', 'services:'];
  for (let i = variant % 2; i < n; i += 2) {
    lines.push(`  svc${i}:`);
    if (i % 3 === 0) lines.push('    privileged: true');
    if (i % 3 === 1) lines.push('    ports: !override', `      - "127.0.0.1:${9000 + i}:80"`);
    if (i % 3 === 2) lines.push('    pids_limit: 100', '    cap_add: [SYS_ADMIN]');
    if (variant % 3 === 1) lines.push('    user: "1000"');
    if (variant % 3 === 2) lines.push('    environment:', `      API_TOKEN: tok${i}`);
  }
  return lines.join('\n') + '\n';
}

const withOverride = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-incremental-override-'));
const baseFile = path.join(withOverride, 'compose.yaml');
const overrideFile = path.join(withOverride, 'compose.override.yaml');
fs.writeFileSync(path.join(withOverride, 'Dockerfile'), 'FROM debian:12\nRUN echo hi\n');

test('with an override file, incremental lint equals a full lint after every random edit of either file', { timeout: 600_000 }, () => {
  let fast = 0;
  let versions = 0;
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 10 }),
      fc.nat(5),
      fc.array(fc.oneof({ weight: 6, arbitrary: edit }, { weight: 1, arbitrary: fc.nat(5) }), { minLength: 1, maxLength: 15 }),
      (n, variant, steps) => {
        let text = composeText(n);
        fs.writeFileSync(overrideFile, overrideText(n, variant));
        const typed = started(text, baseFile);
        for (const step of steps) {
          // A number: the override file changes (on disk, as when it is saved), else an edit of compose.yaml.
          if (typeof step === 'number')
            fs.writeFileSync(
              overrideFile,
              overrideText(n, step) + (step === 5 ? '  svc0:\n    extends: { file: compose.yaml, service: svc1 }\n' : ''),
            );
          else text = apply(text, step);
          const inc = typed(text, baseFile);
          assert.deepStrictEqual(inc.result, fullLint(text, baseFile), `after ${JSON.stringify(step)}:\n${text}`);
          if (inc.incremental) fast++;
          versions++;
        }
      },
    ),
    { numRuns: 150 },
  );
  assert.ok(fast > versions / 25, `incremental path taken on ${fast} of ${versions} versions`);
  if (process.env.DW_TEST_VERBOSE) console.log(`override: incremental on ${fast} of ${versions} versions`);
});

test('an edit in a service that an override refines re-parses only that service; values of the override stay there', () => {
  fs.writeFileSync(overrideFile, overrideText(20, 0));
  const text = composeText(20);
  const typed = session();
  typed(text, baseFile);
  const edited = text.replace('  svc6:\n', '  svc6:\n    read_only: true\n');
  const second = typed(edited, baseFile);
  assert.equal(second.incremental, true);
  assert.deepStrictEqual(second.result, fullLint(edited, baseFile));
  // svc6 is privileged in the override: reported there (where the value is written), not in compose.yaml.
  assert.ok(!second.result.findings.some((f) => f.rule === 'privileged' && f.container === 'svc6'));
  assert.ok(second.result.elsewhere.some((f) => f.rule === 'privileged' && f.container === 'svc6' && f.at.file === overrideFile));
  assert.ok(second.result.dependencies.includes(overrideFile));
});

test('an override whose service extends one of this file makes every edit a full lint', () => {
  fs.writeFileSync(overrideFile, 'services:\n  svc0:\n    extends:\n      file: compose.yaml\n      service: svc1\n');
  // Nothing of svc1 is reported yet, so no finding of svc0 sits in svc1's lines (which would also force a full lint).
  const text = 'services:\n  svc0:\n    image: nginx:1.27\n  svc1:\n    read_only: true\n  svc2:\n    image: redis:7\n';
  const typed = session();
  typed(text, baseFile);
  assert.equal(typed(text, baseFile).incremental, false, 'the project does not qualify');
  // svc0 now inherits svc1's privileged: reported at svc1's line, naming svc0 too.
  const edited = text.replace('  svc1:\n', '  svc1:\n    privileged: true\n');
  const second = typed(edited, baseFile);
  assert.notEqual(second.incremental, true);
  const full = fullLint(edited, baseFile);
  assert.deepStrictEqual(second.result, full);
  assert.ok(
    full.findings.some((f) => f.rule === 'privileged' && f.related?.some((r) => /svc0/.test(r.message))),
    'the inherited value names svc0',
  );
});
