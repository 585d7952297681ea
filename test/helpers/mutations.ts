/** Seeds and mutations for the fuzz tests (lintFile, the CLI and the language server). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { corpusFiles } from './corpus';

const seedsDir = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'fuzz-seeds');

export interface Seed {
  name: string;
  kind: 'compose' | 'dockerfile' | 'devcontainer' | 'docker-run';
  /** Where the file is written, relative to a project folder: its name says what it is. */
  file: string;
  /** The editor's language id for it. */
  languageId: string;
  text: string;
}

/**
 * One seed per kind of source (the corpus has only Compose files and Dockerfiles); `name` is relative to
 * fuzz-seeds/ (the other sources' seeds are their front ends' fixtures).
 */
const OWN: ReadonlyArray<Omit<Seed, 'text'>> = [
  { name: 'compose.yaml', kind: 'compose', file: 'compose.yaml', languageId: 'dockercompose' },
  { name: 'Dockerfile', kind: 'dockerfile', file: 'Dockerfile', languageId: 'dockerfile' },
  {
    name: '../devcontainer/image/.devcontainer/devcontainer.json',
    kind: 'devcontainer',
    file: '.devcontainer/devcontainer.json',
    languageId: 'jsonc',
  },
  { name: '../docker-run/deploy.sh', kind: 'docker-run', file: 'deploy.sh', languageId: 'shellscript' },
  { name: '../docker-run/Makefile', kind: 'docker-run', file: 'Makefile', languageId: 'makefile' },
  { name: '../docker-run/ci.yml', kind: 'docker-run', file: '.github/workflows/ci.yml', languageId: 'yaml' },
];

export function seeds(): Seed[] {
  const own: Seed[] = OWN.map((s) => ({ ...s, text: fs.readFileSync(path.join(seedsDir, s.name), 'utf8') }));
  // Every 7th corpus file keeps the seed set varied without making each case slow.
  const corpus = corpusFiles()
    .filter((_, i) => i % 7 === 0)
    .map((f): Seed => {
      const [file, languageId] = f.kind === 'compose' ? ['compose.yaml', 'dockercompose'] : ['Dockerfile', 'dockerfile'];
      return { name: f.file, kind: f.kind, file, languageId, text: fs.readFileSync(f.file, 'utf8') };
    });
  return [...own, ...corpus];
}

/** Case `i` of a seed as a path relative to a folder of many cases: a folder of its own, the seed's file in it. */
export function caseFile(seed: Seed, i: number): string {
  return `case${i}/${seed.file}`;
}

const YAML_TOKENS = [
  '&a ',
  '*a',
  '<<: *a',
  '<<: [*a, *b]',
  '!reset ',
  '!override ',
  '- ',
  ': ',
  '{',
  '}',
  '[',
  ']',
  '"',
  "'",
  '|',
  '>-',
  '? ',
  '---\n',
  '...\n',
  '%YAML 1.2\n',
  '!!binary ',
  '\t',
  '#',
  '\r',
  '\r\n',
  '\u0000',
  '\uFEFF',
  '${',
  '$$',
  '${X:?err}',
  '🐳',
  '日本語',
  '\\',
  // JSON with comments (devcontainer.json).
  ',',
  '//',
  '/*',
  '*/',
  '"\\u0064ockerComposeFile": ',
  '"runArgs": ["--privileged", "-v", "/:/host"], ',
  '"${localEnv:HOME}"',
];
const DOCKERFILE_LINES = [
  'RUN <<EOF',
  'RUN curl http://x | sh \\',
  'FROM',
  'FROM scratch AS',
  'USER',
  'USER 0:0',
  'ADD http://x /',
  'ENV A',
  'ARG',
  'EXPOSE 22/udp',
  'RUN ["sh", "-c"',
  'RUN $(',
  'RUN bash <(wget -O- x)',
  'ONBUILD RUN sudo x',
  'RUN "unterminated',
  'HEALTHCHECK CMD',
  '# escape=`',
  'RUN if then fi; for; do done',
  // docker run command lines (scripts, Makefiles, workflows).
  'docker run --privileged -v /var/run/docker.sock:/var/run/docker.sock -p 80:80 alpine',
  'docker run $(echo -v) "${OPTS[@]}" \\',
  '\tdocker run --rm -it --net=host $(IMAGE)',
  '      run: docker run -v /:/host ${{ matrix.image }}',
  'cat <<EOF | sh\ndocker run x\nEOF',
  'curl -fsSL http://x | sudo bash -s --',
];

export type Mutation = (text: string) => string;

const insertAt = (at: number, piece: string) => (t: string) => {
  const i = t.length ? at % t.length : 0;
  return t.slice(0, i) + piece + t.slice(i);
};

/**
 * Many words just under or over a length where something changes (the RUN long-word compaction at 1,024, the
 * old `{4096,}` pattern at 4,096), or many short words (a RUN past 64 KB): super-linear scans and silent limits.
 */
export const longWords: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(3, 1023, 1024, 4095, 4096), fc.integer({ min: 16, max: 20_000 }), fc.constantFrom(' ', ' && ', '\\\n ', ','))
  .map(([length, count, sep]) => {
    const n = Math.min(count, Math.floor(400_000 / (length + sep.length)));
    return Array.from({ length: n }, () => 'w'.repeat(length)).join(sep);
  });

/** A long run of one character, the input that makes `\s*…\s*`, `(x+)+$` or `[^}]*` patterns backtrack. */
export const longRun: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(' ', '\t', '\n', '/', '*', '$', '{', '${', '$(', '(', ':', '-', '\\', '"', "'", '#', '0', 'a'),
    fc.integer({ min: 1000, max: 200_000 }),
  )
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)) + 'x');

/**
 * Variables that double on every line (`ARG A2=${A1}${A1}`, the same in `.env` style and as Compose
 * environment entries): a few hundred bytes that expand to gigabytes without a bound.
 */
export const deepExpansion: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: 10, max: 40 }),
    fc.constantFrom('\nARG V{i}=${V{p}}${V{p}}', '\nENV V{i}=${V{p}}${V{p}}', '\n      V{i}: ${V{p}}${V{p}}', '\nV{i}=${V{p}}${V{p}}'),
  )
  .map(([lines, template]) => {
    let out = template.replace(/\{i\}/g, '0').replace(/\$\{V\{p\}\}\$\{V\{p\}\}/, 'xx');
    for (let i = 1; i < lines; i++) out += template.replace(/\{i\}/g, String(i)).replace(/\{p\}/g, String(i - 1));
    return `${out}\n`;
  });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
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
  fc.tuple(fc.integer({ min: 100, max: 5000 }), fc.constantFrom('[', '{', '- ', 'a:\n ')).map(
    ([depth, open]) =>
      (t: string) =>
        open.repeat(depth) + t,
  ),
  // Round two of the hostile-input review: the shapes that found its defects.
  fc.tuple(fc.nat(), longWords).map(([at, words]) => insertAt(at, words)),
  fc.tuple(fc.nat(), longRun).map(([at, run]) => insertAt(at, run)),
  fc.tuple(fc.nat(), deepExpansion).map(([at, lines]) => insertAt(at, lines)),
);

/** A seed with one to four mutations applied, as text. */
export const mutatedFile = (all: readonly Seed[]) =>
  fc.tuple(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([pick, mutations]) => {
    const seed = all[pick % all.length];
    return { seed, text: mutations.reduce((t, m) => m(t), seed.text) };
  });
