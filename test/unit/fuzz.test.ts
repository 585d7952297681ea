/**
 * Never crash, never hang: property-based mutations of real files (the corpus when present, in-repo seeds
 * always) must give a complete result within a time bound. DOCKWARDEN_FUZZ_RUNS sets the number of cases
 * (default 1,500 for `npm test`; the closing note of the robustness issue records a 100,000-case run).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { lintFile } from '../../server/src/lint';
import { corpusFiles } from '../helpers/corpus';

const RUNS = Number(process.env.DOCKWARDEN_FUZZ_RUNS ?? 1500);
const TIME_BOUND_MS = 3000;
const seedsDir = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'fuzz-seeds');

interface Seed { name: string; kind: 'compose' | 'dockerfile'; text: string }

function seeds(): Seed[] {
  const own: Seed[] = [
    { name: 'compose.yaml', kind: 'compose', text: fs.readFileSync(path.join(seedsDir, 'compose.yaml'), 'utf8') },
    { name: 'Dockerfile', kind: 'dockerfile', text: fs.readFileSync(path.join(seedsDir, 'Dockerfile'), 'utf8') },
  ];
  // Every 7th corpus file keeps the seed set varied without making each case slow.
  const corpus = corpusFiles()
    .filter((_, i) => i % 7 === 0)
    .map((f) => ({ name: f.file, kind: f.kind, text: fs.readFileSync(f.file, 'utf8') }));
  return [...own, ...corpus];
}

const YAML_TOKENS = ['&a ', '*a', '<<: *a', '<<: [*a, *b]', '!reset ', '!override ', '- ', ': ', '{', '}', '[', ']', '"', "'", '|', '>-', '? ', '---\n', '...\n', '%YAML 1.2\n', '!!binary ', '\t', '#', '\r', '\r\n', '\u0000', '\uFEFF', '${', '$$', '${X:?err}', '🐳', '日本語', '\\'];
const DOCKERFILE_LINES = ['RUN <<EOF', 'RUN curl http://x | sh \\', 'FROM', 'FROM scratch AS', 'USER', 'USER 0:0', 'ADD http://x /', 'ENV A', 'ARG', 'EXPOSE 22/udp', 'RUN ["sh", "-c"', 'RUN $(', 'RUN bash <(wget -O- x)', 'ONBUILD RUN sudo x', 'RUN "unterminated', 'HEALTHCHECK CMD', '# escape=`', 'RUN if then fi; for; do done'];

type Mutation = (text: string) => string;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 0xffff })).map(([at, code]) => (t: string) => {
    const i = t.length ? at % t.length : 0;
    return t.slice(0, i) + String.fromCharCode(code) + t.slice(i + 1);
  }),
  fc.nat().map((at) => (t: string) => t.slice(0, t.length ? at % t.length : 0)),
  fc.tuple(fc.nat(), fc.constantFrom('', ' ', '  ', '    ', '\t', ' \t ')).map(([line, indent]) => (t: string) => {
    const lines = t.split('\n');
    const i = lines.length ? line % lines.length : 0;
    lines[i] = indent + lines[i].trimStart();
    return lines.join('\n');
  }),
  fc.tuple(fc.nat(), fc.constantFrom(...YAML_TOKENS, ...DOCKERFILE_LINES.map((l) => `\n${l}\n`))).map(([at, token]) => (t: string) => {
    const i = t.length ? at % t.length : 0;
    return t.slice(0, i) + token + t.slice(i);
  }),
  fc.tuple(fc.nat(), fc.integer({ min: 1_000, max: 200_000 })).map(([at, size]) => (t: string) => {
    const i = t.length ? at % t.length : 0;
    return t.slice(0, i) + 'x'.repeat(size) + t.slice(i);
  }),
  fc.tuple(fc.integer({ min: 100, max: 5000 }), fc.constantFrom('[', '{', '- ', 'a:\n ')).map(([depth, open]) => (t: string) => open.repeat(depth) + t),
);

test(`lintFile survives ${RUNS} mutated files within ${TIME_BOUND_MS} ms each`, { timeout: 1_800_000 }, () => {
  const all = seeds();
  let slowest = 0;
  fc.assert(
    fc.property(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 4 }), (pick, mutations) => {
      const seed = all[pick % all.length];
      const text = mutations.reduce((t, m) => m(t), seed.text);
      const t0 = performance.now();
      const result = lintFile({ file: `/fuzz/${path.basename(seed.name)}`, text, kind: seed.kind });
      const elapsed = performance.now() - t0;
      slowest = Math.max(slowest, elapsed);
      assert.ok(Array.isArray(result.findings));
      assert.ok(!result.findings.some((f) => f.rule === 'internal-error'), `internal error: ${result.findings.find((f) => f.rule === 'internal-error')?.message}`);
      assert.ok(elapsed < TIME_BOUND_MS, `took ${elapsed.toFixed(0)} ms`);
    }),
    { numRuns: RUNS },
  );
  console.log(`fuzz: ${RUNS} cases, slowest ${slowest.toFixed(1)} ms`);
});
