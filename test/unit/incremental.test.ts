/**
 * The language server's incremental lint (server/src/incremental.ts) must give exactly what a full lint gives:
 * random edit sequences on generated Compose files, each version linted both ways and compared.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { lintWithState, type IncrementalState } from '../../server/src/incremental';
import { lintFile, type LintFileRequest } from '../../server/src/lint';
import { diskFileAccess } from '../../server/src/fs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-incremental-'));
const file = path.join(dir, 'compose.yaml');
fs.writeFileSync(path.join(dir, '.env'), 'TAG=1.2.3\n');
fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM debian:12\nRUN echo hi\n');

/** A Compose file of `n` services in the plain layout the incremental path handles, with an anchor and variables. */
function composeText(n: number): string {
  const lines = ['# generated', 'x-common: &common', '  restart: unless-stopped', '  security_opt:', '    - no-new-privileges:true', '', 'services:'];
  for (let i = 0; i < n; i++) {
    lines.push(`  svc${i}:`, '    <<: *common', `    image: registry.example.com/app${i}:\${TAG}`, '    ports:', `      - "${8000 + i}:80"`);
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

const request = (text: string): LintFileRequest => ({
  file,
  text,
  kind: 'compose',
  files: diskFileAccess(),
  options: { locale: 'en', severity: (rule) => (rule === 'image-unpinned' ? 'off' : undefined) },
});

test('incremental lint equals a full lint after every random edit', { timeout: 600_000 }, () => {
  let fast = 0;
  let versions = 0;
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 12 }), fc.array(edit, { minLength: 1, maxLength: 15 }), (n, edits) => {
      let text = composeText(n);
      let state: IncrementalState | undefined = lintWithState(request(text), undefined).state;
      assert.ok(state, 'the generated file qualifies for the incremental path');
      for (const e of edits) {
        text = apply(text, e);
        const inc = lintWithState(request(text), state);
        assert.deepStrictEqual(inc.result, lintFile(request(text)), `after ${JSON.stringify(e)}:\n${text}`);
        if (inc.incremental) fast++;
        versions++;
        state = inc.state;
      }
    }),
    { numRuns: 200 },
  );
  // The property is only worth something if the fast path actually ran on many of the versions.
  assert.ok(fast > versions / 10, `incremental path taken on ${fast} of ${versions} versions`);
});

test('an edit inside one service of a large file re-parses only that service', () => {
  const text = composeText(200);
  const first = lintWithState(request(text), undefined);
  const edited = text.replace('  svc150:\n', '  svc150:\n    privileged: true\n');
  const second = lintWithState(request(edited), first.state);
  assert.equal(second.incremental, true);
  assert.deepStrictEqual(second.result, lintFile(request(edited)));
  assert.ok(second.result.findings.some((f) => f.rule === 'privileged' && f.at.range.start.line > 0));
});

test('an edit in a top-level entry the model does not read re-parses only that entry', () => {
  const text = composeText(50);
  const first = lintWithState(request(text), undefined);
  for (const edited of [text + '#', text.replace('  cache:\n', '  cache:\n    external: true\n'), text.replace('# generated\n', '# generated!\n\n')]) {
    const second = lintWithState(request(edited), first.state);
    assert.equal(second.incremental, true, edited.slice(-80));
    assert.deepStrictEqual(second.result, lintFile(request(edited)));
  }
  // A syntax error there is reported, and an anchored x- entry is what services expand: both lint in full.
  for (const edited of [text.replace('  cache:\n', '  cache: [\n'), text.replace('  restart: unless-stopped', '  restart: always')]) {
    const second = lintWithState(request(edited), first.state);
    assert.notEqual(second.incremental, true);
    assert.deepStrictEqual(second.result, lintFile(request(edited)));
  }
});

test('a changed .env makes the next lint a full one', () => {
  const text = composeText(5);
  const first = lintWithState(request(text), undefined);
  const env = path.join(dir, '.env');
  fs.writeFileSync(env, 'TAG=latest\n');
  try {
    const edited = text.replace('  svc3:\n', '  svc3:\n    # typing\n');
    const second = lintWithState(request(edited), first.state);
    assert.notEqual(second.incremental, true);
    assert.deepStrictEqual(second.result, lintFile(request(edited)));
  } finally {
    fs.writeFileSync(env, 'TAG=1.2.3\n');
  }
});
