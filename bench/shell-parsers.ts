/**
 * Shell parsers side by side, for choosing the one that parses `RUN` scripts and whole shell scripts
 * (docs/decisions/shell-parser.md). Candidates other than mvdan-sh live in bench/candidates
 * (`npm --prefix bench/candidates ci`); a candidate that is not installed is skipped with a note.
 *
 *   npm run build && node out/bench/shell-parsers.js [--smoke]
 *
 * Each candidate is bundled and minified with esbuild as it would ship (its .wasm files beside the bundle), and
 * that bundle is what every measurement loads: cold load in fresh processes, warm parses of a generated
 * 2,000-line script and of a one-line RUN, memory, an incremental re-parse after a one-line edit (where the
 * parser has one), hostile inputs (each in its own process, with a time limit), and the simple commands each
 * yields for every RUN of the real-world corpus, against what mvdan-sh and Dockwarden's walker yield.
 * Results: stdout tables + bench/results.shell-parsers.json.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { generateShellScript } from './generate';
import { percentile, round } from './stats';

const repo = path.resolve(__dirname, '..', '..');
const candidatesDir = path.join(repo, 'bench', 'candidates');
const corpus = path.resolve(repo, '..', 'shared', 'corpus-realworld');
const bundleDir = path.join(os.tmpdir(), 'dw-shell-parser-bundles');

/** What each candidate's bundle exports (the entry sources below). */
interface ParserModule {
  load(): Promise<void>;
  /** Parses; `errors` counts syntax errors (a parser that stops at the first one says 1). */
  parse(text: string): ParseResult | Promise<ParseResult>;
  /** Simple commands as word texts (for the corpus comparison); undefined when the script does not parse. */
  commands?(text: string): string[][] | undefined;
  /** A one-line edit applied to the previous tree (parsers that re-parse incrementally). */
  reparse?(oldText: string, newText: string, at: number, removed: number, inserted: number): ParseResult;
  /** Frees what the last parse kept (WASM trees are not garbage-collected). */
  release?(): void;
}

interface ParseResult {
  ok: boolean;
  /** Error nodes or messages: a tree-sitter tree with errors still has every part it could parse. */
  errors: number;
  message?: string;
}

interface Candidate {
  name: string;
  /** Packages whose versions are reported. */
  packages: string[];
  /** Resolve the bundle's imports from here. */
  resolveFrom: string;
  /** Files copied beside the bundle (name in bundle dir → path under node_modules). */
  wasm: Record<string, string>;
  /** How it is called: what the lint (synchronous today) would have to do. */
  api: string;
  entry: string;
}

const MVDAN = `
const { syntax } = require('mvdan-sh');
let parser;
exports.load = async () => { parser = syntax.NewParser(); };
function parse(text) {
  try { return parser.Parse(text, 'x'); } catch (e) { parser = syntax.NewParser(); throw e; }
}
exports.parse = (text) => {
  try { parse(text); return { ok: true, errors: 0 }; }
  catch (e) {
    const message = e && typeof e.Error === 'function' ? e.Error() : (e && e.message) || String(e);
    return { ok: false, errors: 1, message: String(message).slice(0, 120) };
  }
};
`;

const SH_SYNTAX = `
const fs = require('fs');
const path = require('path');
const { getProcessor } = require('sh-syntax');
const processor = getProcessor(() => fs.readFileSync(path.join(__dirname, 'sh-syntax.wasm')));
exports.load = async () => { await processor('true', {}); };
exports.parse = async (text) => {
  try { await processor(text, {}); return { ok: true, errors: 0 }; }
  catch (e) { return { ok: false, errors: 1, message: String((e && e.message) || e).slice(0, 120) }; }
};
`;

const TREE_SITTER = `
const path = require('path');
const fs = require('fs');
const { Parser, Language } = require('web-tree-sitter');
let parser;
let tree;
exports.load = async () => {
  await Parser.init({ locateFile: () => path.join(__dirname, 'web-tree-sitter.wasm') });
  const language = Language.loadSync(new WebAssembly.Module(fs.readFileSync(path.join(__dirname, 'tree-sitter-bash.wasm'))));
  parser = new Parser();
  parser.setLanguage(language);
};
function result(t) {
  if (!t.rootNode.hasError) return { ok: true, errors: 0 };
  let errors = 0;
  const c = t.walk();
  for (let more = true; more; ) {
    if (c.nodeType === 'ERROR' || c.nodeIsMissing) errors++;
    if (c.gotoFirstChild()) continue;
    while (!c.gotoNextSibling()) if (!c.gotoParent()) { more = false; break; }
  }
  c.delete();
  return { ok: false, errors };
}
exports.parse = (text) => {
  tree && tree.delete();
  tree = parser.parse(text);
  return result(tree);
};
exports.tree = () => tree;
exports.release = () => { tree && tree.delete(); tree = undefined; };
function point(text, index) {
  let row = 0, last = -1;
  for (let i = text.indexOf('\\n'); i >= 0 && i < index; i = text.indexOf('\\n', i + 1)) { row++; last = i; }
  return { row, column: index - last - 1 };
}
exports.reparse = (oldText, newText, at, removed, inserted) => {
  if (!tree) tree = parser.parse(oldText);
  // Indices and columns in UTF-16 code units (web-tree-sitter feeds JS strings as UTF-16).
  tree.edit({
    startIndex: at, oldEndIndex: at + removed, newEndIndex: at + inserted,
    startPosition: point(oldText, at), oldEndPosition: point(oldText, at + removed), newEndPosition: point(newText, at + inserted),
  });
  const next = parser.parse(newText, tree);
  tree.delete();
  tree = next;
  return result(tree);
};
`;

const BASH_PARSER = `
const parse = require('@ericcornelissen/bash-parser');
exports.load = async () => { parse('true'); };
exports.parse = (text) => {
  try { parse(text); return { ok: true, errors: 0 }; }
  catch (e) { return { ok: false, errors: 1, message: String((e && e.message) || e).slice(0, 120) }; }
};
exports.commands = (text) => {
  let ast;
  try { ast = parse(text); } catch { return undefined; }
  const out = [];
  const visit = (node, depth) => {
    if (!node || typeof node !== 'object' || depth > 500) return;
    if (Array.isArray(node)) { for (const n of node) visit(n, depth + 1); return; }
    if (node.type === 'Command' && node.name) {
      const words = [node.name.text, ...(node.suffix || []).filter((w) => w.type === 'Word').map((w) => w.text)];
      out.push(words);
    }
    for (const key of Object.keys(node)) if (key !== 'loc') visit(node[key], depth + 1);
  };
  visit(ast, 0);
  return out;
};
`;

const CANDIDATES: Candidate[] = [
  { name: 'mvdan-sh', packages: ['mvdan-sh'], resolveFrom: repo, wasm: {}, api: 'sync', entry: MVDAN },
  {
    name: 'sh-syntax',
    packages: ['sh-syntax'],
    resolveFrom: candidatesDir,
    wasm: { 'sh-syntax.wasm': 'sh-syntax/main.wasm' },
    api: 'async per parse (a new WASM instance each call)',
    entry: SH_SYNTAX,
  },
  {
    name: 'tree-sitter-bash',
    packages: ['web-tree-sitter', 'tree-sitter-bash'],
    resolveFrom: candidatesDir,
    wasm: {
      'web-tree-sitter.wasm': 'web-tree-sitter/web-tree-sitter.wasm',
      'tree-sitter-bash.wasm': 'tree-sitter-bash/tree-sitter-bash.wasm',
    },
    api: 'async init once, then sync parse',
    entry: TREE_SITTER,
  },
  {
    name: 'bash-parser',
    packages: ['@ericcornelissen/bash-parser'],
    resolveFrom: candidatesDir,
    wasm: {},
    api: 'sync',
    entry: BASH_PARSER,
  },
];

function installed(c: Candidate): boolean {
  return c.packages.every((p) => fs.existsSync(path.join(c.resolveFrom, 'node_modules', p, 'package.json')));
}

function version(c: Candidate): string {
  return c.packages
    .map((p) => `${p} ${JSON.parse(fs.readFileSync(path.join(c.resolveFrom, 'node_modules', p, 'package.json'), 'utf8')).version}`)
    .join(' + ');
}

function bundlePath(c: Candidate): string {
  return path.join(bundleDir, c.name, 'index.js');
}

function loadBundle(c: Candidate): ParserModule {
  return require(bundlePath(c)) as ParserModule;
}

// ---------------------------------------------------------------------------------------------------------------
// Inputs

/** A realistic 2,000-line deploy script (see generate.ts) and a one-line RUN. */
const SCRIPT = generateShellScript(2000);
const ONE_LINE = 'apt-get update && apt-get install -y --no-install-recommends ca-certificates curl && rm -rf /var/lib/apt/lists/*';

function insertAtLine(text: string, line: number, insert: string): string {
  const lines = text.split('\n');
  lines.splice(line, 0, insert);
  return lines.join('\n');
}

/** Deterministic bytes that look like a compiled program read as UTF-8 (what reading a binary file as text gives). */
function binaryText(bytes: number): string {
  const buf = Buffer.alloc(bytes);
  let x = 0x12345678;
  for (let i = 0; i < bytes; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    buf[i] = x & 0xff;
  }
  return '#!/bin/sh\n' + buf.toString('utf8');
}

const BAD_INPUTS: Record<string, () => string> = {
  'unterminated quote (line 1,000 of 2,000)': () => insertAtLine(SCRIPT, 1000, 'echo "unterminated'),
  'unterminated heredoc (line 1,000 of 2,000)': () => insertAtLine(SCRIPT, 1000, 'cat <<EOF'),
  '$(…) nested 1,000 deep': () => 'echo ' + '$(echo '.repeat(1000) + 'x' + ')'.repeat(1000) + '\n',
  '$(…) nested 10,000 deep': () => 'echo ' + '$(echo '.repeat(10000) + 'x' + ')'.repeat(10000) + '\n',
  '1 MB line of words': () => 'echo' + ' word'.repeat(200_000) + '\n',
  '10,000 docker run lines': () =>
    Array.from(
      { length: 10_000 },
      (_, i) =>
        `docker run --rm -d --name app${i} -p 127.0.0.1:${8000 + (i % 1000)}:80 -v "$PWD/data:/data:ro" -e MODE=prod registry.example.com/app:${i}`,
    ).join('\n') + '\n',
  'binary bytes with a shebang (256 KB)': () => binaryText(256 * 1024),
  'CRLF 2,000-line script': () => SCRIPT.replace(/\n/g, '\r\n'),
};

// ---------------------------------------------------------------------------------------------------------------
// Children: cold load and hostile inputs, each in a fresh process

async function child(args: string[]): Promise<void> {
  const [what, name, input] = args;
  if (what === 'cold') {
    const c = CANDIDATES.find((x) => x.name === name)!;
    const t0 = performance.now();
    const m = loadBundle(c);
    await m.load();
    const loaded = performance.now();
    await m.parse(ONE_LINE);
    const firstParse = performance.now();
    const memLoaded = process.memoryUsage();
    await m.parse(SCRIPT);
    const scriptParsed = performance.now();
    const memParsed = process.memoryUsage();
    // Since the process started (Node's own start-up included): what a CLI run that needs the parser pays.
    const sinceStart = performance.now();
    console.log(
      JSON.stringify({
        loadMs: loaded - t0,
        firstParseMs: firstParse - loaded,
        firstScriptParseMs: scriptParsed - firstParse,
        processToParsedMs: sinceStart,
        rssLoadedMb: memLoaded.rss / 2 ** 20,
        rssParsedMb: memParsed.rss / 2 ** 20,
        heapParsedMb: memParsed.heapUsed / 2 ** 20,
        externalParsedMb: memParsed.external / 2 ** 20,
      }),
    );
    return;
  }
  if (what === 'bad') {
    const text = BAD_INPUTS[input]();
    let parse: (t: string) => ParseResult | Promise<ParseResult>;
    if (name === 'Dockerfile') {
      // The same lines as a Dockerfile, each a RUN: what Dockwarden's Dockerfile front end (dockerfile-ast and
      // mvdan-sh for every RUN, each at most 64 KB) spends on a Dockerfile of that size.
      const { parseDockerfile } = require('../server/src/dockerfile/parse') as typeof import('../server/src/dockerfile/parse');
      parse = (t) => {
        parseDockerfile('/bench/Dockerfile', 'FROM alpine\n' + t.replace(/^/gm, 'RUN '), {});
        return { ok: true, errors: 0 };
      };
    } else if (name === 'script front end') {
      // What Dockwarden does with a script: the docker run front end (mvdan-sh in pieces, bounded).
      const { parseShellFile } = require('../server/src/docker-run/shell-file') as typeof import('../server/src/docker-run/shell-file');
      parse = (t) => {
        const r = parseShellFile('/bench/script.sh', t);
        return r.problems.length > 0
          ? { ok: false, errors: r.problems.length, message: `${r.problems[0].rule}: ${r.problems[0].message.slice(0, 80)}` }
          : { ok: true, errors: 0, message: `${r.containers.length} containers` };
      };
    } else {
      const m = loadBundle(CANDIDATES.find((x) => x.name === name)!);
      await m.load();
      parse = (t) => m.parse(t);
    }
    const once = async () => {
      const t0 = performance.now();
      let r: ParseResult;
      try {
        r = await parse(text);
      } catch (e) {
        r = { ok: false, errors: 1, message: `threw ${e instanceof Error ? e.name + ': ' + e.message : String(e)}`.slice(0, 120) };
      }
      return { ms: performance.now() - t0, ...r };
    };
    const first = await once();
    const second = await once();
    console.log(JSON.stringify({ ...first, warmMs: second.ms, bytes: Buffer.byteLength(text) }));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Bundles and sizes

async function bundle(c: Candidate): Promise<{ js: number; jsGzip: number; wasm: number; wasmGzip: number }> {
  const { build } = await import('esbuild');
  const out = bundlePath(c);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  await build({
    stdin: { contents: c.entry, resolveDir: c.resolveFrom, loader: 'js', sourcefile: `${c.name}-entry.js` },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    outfile: out,
    logLevel: 'error',
  });
  const req = createRequire(path.join(c.resolveFrom, 'package.json'));
  let wasm = 0;
  let wasmGzip = 0;
  for (const [name, rel] of Object.entries(c.wasm)) {
    const bytes = fs.readFileSync(req.resolve(rel));
    fs.writeFileSync(path.join(path.dirname(out), name), bytes);
    wasm += bytes.length;
    wasmGzip += zlib.gzipSync(bytes, { level: 9 }).length;
  }
  const js = fs.readFileSync(out);
  return { js: js.length, jsGzip: zlib.gzipSync(js, { level: 9 }).length, wasm, wasmGzip };
}

// ---------------------------------------------------------------------------------------------------------------
// Warm measurements in this process

async function timeMany(fn: () => unknown, minRuns: number, budgetMs: number): Promise<number[]> {
  const times: number[] = [];
  const until = performance.now() + budgetMs;
  for (let i = 0; i < minRuns || (i < 10_000 && performance.now() < until); i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times;
}

/** A one-line edit in the middle of the script: a character typed at the end of a `docker run` flag line. */
function midEdit(text: string): { at: number; newText: string } {
  const line = text.indexOf('    --restart unless-stopped', text.length >> 1);
  const at = text.indexOf(' \\', line);
  return { at, newText: text.slice(0, at) + 'x' + text.slice(at) };
}

// ---------------------------------------------------------------------------------------------------------------
// Corpus: every RUN of the real-world Dockerfiles

interface RunScript {
  file: string;
  line: number;
  text: string;
}

function corpusRuns(): RunScript[] {
  const manifest = path.join(corpus, 'MANIFEST.tsv');
  if (!fs.existsSync(manifest)) return [];
  // Loaded here only: the children and the size step never need them.
  const { DockerfileParser } = require('dockerfile-ast') as typeof import('dockerfile-ast');
  const { shellScript } = require('../server/src/dockerfile/run') as typeof import('../server/src/dockerfile/run');
  const { LineIndex } = require('../server/src/shell/text') as typeof import('../server/src/shell/text');
  const { isShellName, baseName } = require('../shared-rules/src/shell') as typeof import('../shared-rules/src/shell');
  const out: RunScript[] = [];
  const files = fs
    .readFileSync(manifest, 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'))
    .filter((cols) => cols[4] === 'dockerfile')
    .map((cols) => path.join(corpus, cols[10]))
    .filter((f) => fs.existsSync(f));
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const df = DockerfileParser.parse(text);
    const index = new LineIndex(text);
    const escape = df.getEscapeCharacter();
    let posix = true;
    for (const ins of df.getInstructions()) {
      const keyword = ins.getKeyword();
      if (keyword === 'FROM') posix = true;
      if (keyword === 'SHELL') {
        const json = (ins as unknown as { getJSONStrings(): { getValue(): string }[] }).getJSONStrings();
        if (json.length > 0) posix = isShellName(baseName(json[0].getValue().replace(/^"|"$/g, '')));
      }
      if (keyword !== 'RUN' || !posix) continue;
      const run = ins as unknown as import('dockerfile-ast').Run;
      if (run.getJSONStrings().length > 0) continue;
      const script = shellScript(run, index, escape);
      if (script.text.trim() !== '')
        out.push({ file: path.relative(corpus, file), line: run.getRange().start.line + 1, text: script.text });
    }
  }
  return out;
}

/** Dockwarden's walker over mvdan-sh (no nested `sh -c` or heredoc scripts, as the other parsers see none). */
function walkerCommands(text: string): string[][] | undefined {
  const { parseShellScript } = require('../server/src/shell/commands') as typeof import('../server/src/shell/commands');
  const { LineIndex } = require('../server/src/shell/text') as typeof import('../server/src/shell/text');
  const offsets = Array.from({ length: text.length }, (_, i) => i);
  const parsed = parseShellScript({ text, offsets }, { file: 'x', index: new LineIndex(text) }, 3);
  const commands = Array.isArray(parsed) ? parsed : undefined;
  return commands?.map((c) => c.words.map((w) => w.text));
}

// A minimal tree-sitter walker for the comparison: `command` nodes (and `unset`), words unquoted as the mvdan
// walker does (quotes removed, backslash escapes applied, expansions kept as written).
interface TsNode {
  type: string;
  text: string;
  startIndex: number;
  endIndex: number;
  childCount: number;
  child(i: number): TsNode | null;
  childrenForFieldName(name: string): (TsNode | null)[];
  childForFieldName(name: string): TsNode | null;
}

function tsCommands(root: TsNode, source: string): string[][] {
  const out: string[][] = [];
  const stack: TsNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'command') {
      const name = node.childForFieldName('name');
      const args = node.childrenForFieldName('argument').filter((n): n is TsNode => !!n);
      out.push([...(name ? [tsWord(name.child(0) ?? name, source)] : []), ...args.map((a) => tsWord(a, source))]);
    } else if (node.type === 'unset_command') {
      const words: string[] = [];
      for (let i = 0; i < node.childCount; i++) words.push(tsWord(node.child(i)!, source));
      out.push(words);
    }
    for (let i = node.childCount - 1; i >= 0; i--) stack.push(node.child(i)!);
  }
  return out;
}

function tsWord(node: TsNode, source: string): string {
  switch (node.type) {
    case 'word':
      return unescape(node.text, false);
    case 'raw_string':
      return node.text.slice(1, -1);
    case 'string': {
      let text = '';
      let at = node.startIndex + 1;
      for (let i = 0; i < node.childCount; i++) {
        const part = node.child(i)!;
        if (part.type === '"') continue;
        text += unescape(source.slice(at, part.startIndex), true);
        text += part.type === 'string_content' ? unescape(part.text, true) : part.text;
        at = part.endIndex;
      }
      return text + unescape(source.slice(at, Math.max(at, node.endIndex - 1)), true);
    }
    case 'concatenation': {
      let text = '';
      let at = node.startIndex;
      for (let i = 0; i < node.childCount; i++) {
        const part = node.child(i)!;
        text += source.slice(at, part.startIndex) + tsWord(part, source);
        at = part.endIndex;
      }
      return text + source.slice(at, node.endIndex);
    }
    default:
      return node.text;
  }
}

function unescape(raw: string, inDoubleQuotes: boolean): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '\\' && i + 1 < raw.length) {
      const next = raw[i + 1];
      if (next === '\n') {
        i++;
        continue;
      }
      if (!inDoubleQuotes || '$`"\\'.includes(next)) {
        out += next;
        i++;
        continue;
      }
    }
    out += raw[i];
  }
  return out;
}

function key(commands: string[][]): string[] {
  return commands.map((words) => words.join('\u0001')).sort();
}

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const smoke = process.argv.includes('--smoke');
  // `--parts=cold,warm,hostile,corpus` runs only those (the bundles and sizes always).
  const only = process.argv
    .find((a) => a.startsWith('--parts='))
    ?.slice('--parts='.length)
    .split(',');
  const want = (part: string) => !only || only.includes(part);
  const available = CANDIDATES.filter(installed);
  for (const c of CANDIDATES.filter((x) => !installed(x)))
    console.log(`${c.name}: not installed (npm --prefix bench/candidates ci): skipped`);
  const results: Record<string, unknown> = {
    machine: `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, Node ${process.version}`,
    date: new Date().toISOString(),
    smoke,
    script: { lines: SCRIPT.split('\n').length - 1, chars: SCRIPT.length },
  };

  // Sizes (and the bundles every other step loads).
  const sizes: Record<string, string | number>[] = [];
  for (const c of available) {
    const s = await bundle(c);
    sizes.push({
      parser: c.name,
      version: version(c),
      'bundle KB': round(s.js / 1024, 0),
      'gzip KB': round(s.jsGzip / 1024, 0),
      '.wasm KB': round(s.wasm / 1024, 0),
      '.wasm gzip KB': round(s.wasmGzip / 1024, 0),
      'total gzip KB': round((s.jsGzip + s.wasmGzip) / 1024, 0),
      API: c.api,
    });
  }
  console.table(sizes);
  results.sizes = sizes;

  // Cold: fresh processes, in turn, median of each.
  if (want('cold')) await coldPart(available, smoke, results);
  if (want('warm')) await warmPart(available, smoke, results);
  if (want('hostile')) hostilePart(available, results);
  if (want('corpus')) await corpusPart(available, results);
  fs.writeFileSync(
    path.join(repo, 'bench', smoke ? 'results.shell-parsers.smoke.json' : 'results.shell-parsers.json'),
    JSON.stringify(results, null, 2) + '\n',
  );
}

async function coldPart(available: Candidate[], smoke: boolean, results: Record<string, unknown>): Promise<void> {
  const runs = smoke ? 1 : 7;
  const self = __filename;
  const node0: number[] = [];
  const cold = new Map<string, Record<string, number>[]>();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    node0.push(performance.now() - t0);
    for (const c of available) {
      const r = spawnSync(process.execPath, [self, '--child', 'cold', c.name], { encoding: 'utf8', timeout: 120_000 });
      const list = cold.get(c.name) ?? [];
      try {
        list.push(JSON.parse(r.stdout.trim().split('\n').pop() ?? ''));
      } catch {
        console.log(`${c.name}: cold run failed: ${r.stderr.slice(0, 300)}`);
      }
      cold.set(c.name, list);
    }
  }
  const median = (list: Record<string, number>[], k: string) =>
    percentile(
      list.map((x) => x[k]),
      50,
    );
  const coldRows = available.map((c) => {
    const list = cold.get(c.name) ?? [];
    return {
      parser: c.name,
      'load+init ms': round(median(list, 'loadMs'), 1),
      'first 1-line parse ms': round(median(list, 'firstParseMs'), 2),
      'first 2,000-line parse ms': round(median(list, 'firstScriptParseMs'), 1),
      'process start → parsed ms': round(median(list, 'processToParsedMs'), 1),
      'RSS loaded MB': round(median(list, 'rssLoadedMb'), 1),
      'RSS after script MB': round(median(list, 'rssParsedMb'), 1),
      'JS heap MB': round(median(list, 'heapParsedMb'), 1),
      'external MB': round(median(list, 'externalParsedMb'), 1),
    };
  });
  console.log(`node -e 0: ${round(percentile(node0, 50), 1)} ms (whole process, median of ${runs})`);
  console.table(coldRows);
  results.nodeStartMs = round(percentile(node0, 50), 1);
  results.cold = coldRows;
}

async function warmPart(available: Candidate[], smoke: boolean, results: Record<string, unknown>): Promise<void> {
  const warm: Record<string, string | number>[] = [];
  const edit = midEdit(SCRIPT);
  for (const c of available) {
    const m = loadBundle(c);
    await m.load();
    for (let i = 0; i < 5; i++) await m.parse(SCRIPT);
    const big = await timeMany(() => m.parse(SCRIPT), smoke ? 3 : 30, smoke ? 0 : 3000);
    const small = await timeMany(() => m.parse(ONE_LINE), smoke ? 10 : 200, smoke ? 0 : 1000);
    const ok = await m.parse(SCRIPT);
    let incremental: number | string = 'no (whole parse)';
    if (m.reparse) {
      m.release?.();
      await m.parse(SCRIPT);
      // Type and delete a character in turn: each re-parse is against the previous tree.
      let cur = SCRIPT;
      const times = await timeMany(
        () => {
          const typing = cur === SCRIPT;
          const next = typing ? edit.newText : SCRIPT;
          const r = m.reparse!(cur, next, edit.at, typing ? 0 : 1, typing ? 1 : 0);
          cur = next;
          return r;
        },
        smoke ? 4 : 60,
        smoke ? 0 : 1000,
      );
      incremental = round(percentile(times, 50), 2);
    }
    m.release?.();
    warm.push({
      parser: c.name,
      '2,000-line script p50 ms': round(percentile(big, 50), 2),
      p95: round(percentile(big, 95), 2),
      'µs per char': round((percentile(big, 50) * 1000) / SCRIPT.length, 2),
      'parsed?': ok.ok ? 'yes' : `errors: ${ok.errors} ${ok.message ?? ''}`,
      '1-line RUN p50 ms': round(percentile(small, 50), 3),
      'one-line edit re-parse p50 ms': incremental,
    });
  }
  // What the editor pays today for the script with mvdan-sh: Dockwarden's walker to ShellCommands (parse included).
  {
    let n = 0;
    const times = await timeMany(() => walkerCommands(`${SCRIPT}# ${n++}\n`), smoke ? 3 : 20, smoke ? 0 : 2000);
    warm.push({ parser: 'mvdan-sh + Dockwarden walker (ShellCommand[])', '2,000-line script p50 ms': round(percentile(times, 50), 2) });
  }
  const ts = available.find((c) => c.name === 'tree-sitter-bash');
  if (ts) {
    const m = loadBundle(ts) as ParserModule & { tree(): { rootNode: TsNode } };
    m.parse(SCRIPT);
    const times = await timeMany(() => tsCommands(m.tree().rootNode, SCRIPT), smoke ? 3 : 20, smoke ? 0 : 2000);
    warm.push({
      parser: 'tree-sitter walk to word texts (parse not included)',
      '2,000-line script p50 ms': round(percentile(times, 50), 2),
    });
    m.release?.();
  }
  console.table(warm);
  results.warm = warm;
}

/** Hostile inputs, each in its own process with a time limit. */
function hostilePart(available: Candidate[], results: Record<string, unknown>): void {
  const self = __filename;
  const bad: Record<string, string | number>[] = [];
  for (const [name, make] of Object.entries(BAD_INPUTS)) {
    const row: Record<string, string | number> = { input: name, KB: round(Buffer.byteLength(make()) / 1024, 0) };
    // First: the same lines as a Dockerfile (each a RUN), as Dockwarden parses it — the bound to stay under.
    for (const c of [{ name: 'Dockerfile' }, { name: 'script front end' }, ...available]) {
      const r = spawnSync(process.execPath, [self, '--child', 'bad', c.name, name], {
        encoding: 'utf8',
        timeout: 60_000,
        maxBuffer: 1 << 26,
      });
      let cell: string;
      if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') cell = 'TIMEOUT (60 s)';
      else if (r.status !== 0) cell = `CRASH (${r.signal ?? r.status}) ${r.stderr.trim().split('\n').pop()?.slice(0, 60) ?? ''}`;
      else {
        const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as ParseResult & { ms: number };
        const outcome = out.ok
          ? `ok${out.message ? `, ${out.message}` : ''}`
          : out.message
            ? `error: ${out.message.slice(0, 50)}`
            : `partial tree, ${out.errors} error nodes`;
        cell = `${round(out.ms, 1)} ms (warm ${round((out as { warmMs?: number }).warmMs ?? NaN, 1)}), ${outcome}`;
      }
      row[c.name] = cell;
    }
    bad.push(row);
    console.log(JSON.stringify(row));
  }
  results.hostile = bad;
}

/** Corpus RUNs: commands found, compared with mvdan-sh through Dockwarden's walker. */
async function corpusPart(available: Candidate[], results: Record<string, unknown>): Promise<void> {
  const runsOfCorpus = corpusRuns();
  if (runsOfCorpus.length === 0) {
    console.log(`corpus not found at ${corpus}: the correctness comparison is skipped`);
  } else {
    // `RUN <<EOF` runs the heredoc's body as the script (BuildKit): Dockwarden parses the body on its own, and
    // tree-sitter cannot parse a statement that is only a heredoc (ERROR, then the body's lines as commands).
    const heredocScripts = runsOfCorpus.filter((r) => /^\s*<<-?\s*["']?\w/.test(r.text)).length;
    runsOfCorpus.splice(0, runsOfCorpus.length, ...runsOfCorpus.filter((r) => !/^\s*<<-?\s*["']?\w/.test(r.text)));
    results.corpusHeredocScriptsLeftOut = heredocScripts;
    console.log(`${heredocScripts} RUN <<EOF scripts left out of the comparison`);
    const reference = runsOfCorpus.map((r) => walkerCommands(r.text));
    const correctness: Record<string, string | number>[] = [];
    const diffs: Record<string, unknown[]> = {};
    const refCommands = reference.reduce((n, r) => n + (r?.length ?? 0), 0);
    correctness.push({
      parser: 'mvdan-sh (Dockwarden walker)',
      RUNs: runsOfCorpus.length,
      'parse failures': reference.filter((r) => !r).length,
      commands: refCommands,
      'same commands and words': '(reference)',
      'same command names': '(reference)',
    });
    for (const c of available.filter((x) => x.name !== 'mvdan-sh')) {
      const m = loadBundle(c) as ParserModule & { tree?(): { rootNode: TsNode } };
      await m.load();
      let failures = 0;
      let withErrors = 0;
      let commands = 0;
      let same = 0;
      let sameNames = 0;
      let comparable = 0;
      const list: unknown[] = [];
      for (let i = 0; i < runsOfCorpus.length; i++) {
        const text = runsOfCorpus[i].text;
        let got: string[][] | undefined;
        if (m.tree) {
          const r = m.parse(text) as ParseResult;
          if (!r.ok) withErrors++;
          got = tsCommands(m.tree().rootNode, text);
        } else if (m.commands) {
          got = m.commands(text);
          if (!got) failures++;
        } else {
          const r = await m.parse(text);
          if (!r.ok) failures++;
          continue;
        }
        const ref = reference[i];
        if (!ref || !got) continue;
        comparable++;
        commands += got.length;
        const a = key(ref);
        const b = key(got);
        if (a.join('\n') === b.join('\n')) same++;
        else if (list.length < 400)
          list.push({
            run: `${runsOfCorpus[i].file}:${runsOfCorpus[i].line}`,
            mvdan: a.filter((x) => !b.includes(x)),
            [c.name]: b.filter((x) => !a.includes(x)),
          });
        const names = (k: string[][]) =>
          k
            .map((w) => w[0])
            .sort()
            .join('\n');
        if (names(ref) === names(got)) sameNames++;
      }
      m.release?.();
      diffs[c.name] = list;
      correctness.push({
        parser: c.name,
        RUNs: runsOfCorpus.length,
        'parse failures': m.tree ? `${withErrors} with error nodes` : failures,
        commands: m.commands || m.tree ? commands : 'n/a (AST has no command words)',
        'same commands and words': m.commands || m.tree ? `${same} of ${comparable}` : 'n/a',
        'same command names': m.commands || m.tree ? `${sameNames} of ${comparable}` : 'n/a',
      });
    }
    console.table(correctness);
    results.correctness = correctness;
    // The differing commands quote the corpus, which stays out of the repository: beside the bundles only.
    const diffFile = path.join(bundleDir, 'corpus-differences.json');
    fs.writeFileSync(diffFile, JSON.stringify(diffs, null, 1));
    console.log(`commands that differ from mvdan-sh's, by RUN: ${diffFile}`);
  }
}

if (process.argv[2] === '--child') {
  child(process.argv.slice(3)).catch((e) => {
    console.error(e);
    process.exit(1);
  });
} else if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
