/**
 * `npm run bench` — latency against the parse floor, the CLI side by side with compose-lint, memory and size.
 * `npm run bench -- --smoke` runs every part with small N (what CI does); `-- --only=latency|cli|server` one part.
 * Results: stdout tables + bench/results.json.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { DockerfileParser } from 'dockerfile-ast';
import { parseTree } from 'jsonc-parser';
import { Analysis } from '../server/src/analysis';
import { BenchClient } from './lsp-client';
import { generateLargeCompose, generateLongDockerfile, generateOverride, generateShellScript } from './generate';
import { percentile, round, timeIt } from './stats';
import { shellScriptTyping } from './shell-script';
import { corpusFindings, type CorpusFindings } from './corpus-findings';
import {
  compare,
  composeLint,
  corpusFiles,
  floorScripts,
  FLOOR_PARSER,
  generateScripts,
  listFile,
  meter,
  replicate,
  replicateDevcontainer,
  workload,
  machine,
  type CompareRow,
  type Workload,
} from './cli-compare';

const repo = path.resolve(__dirname, '..', '..');
/**
 * `../shared` beside the checkout (the corpus, the peers); in a `git worktree` elsewhere, the one beside the main
 * checkout.
 */
function sharedDir(): string {
  const beside = path.resolve(repo, '..', 'shared');
  if (fs.existsSync(beside)) return beside;
  const common = spawnSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: repo, encoding: 'utf8' });
  const main = common.status === 0 ? path.resolve(common.stdout.trim(), '..', '..', 'shared') : beside;
  return fs.existsSync(main) ? main : beside;
}
const shared = sharedDir();
const corpus = path.join(shared, 'corpus-realworld');
const smoke = process.argv.includes('--smoke');
/** `--only=latency|cli|server|findings`: one part of the benchmark (results.json is then not written). */
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const part = (name: string) => !only || only === name;
const N = smoke ? 8 : 60;
const serverJs = path.join(repo, 'dist', 'server.js');
const cliJs = path.join(repo, 'bin', 'dockwarden.js');

interface Case {
  name: string;
  file: string;
  languageId: string;
  text: string;
}
interface Row {
  [key: string]: string | number;
}

function cases(): Case[] {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-bench-'));
  const out: Case[] = [];
  const fromCorpus = (name: string, rel: string, languageId: string) => {
    const file = path.join(corpus, rel);
    if (fs.existsSync(file)) out.push({ name, file, languageId, text: fs.readFileSync(file, 'utf8') });
  };
  fromCorpus('(a) awesome-compose', 'docker__awesome-compose/react-express-mongodb__compose.yaml', 'dockercompose');
  fromCorpus('(b) getsentry 788 lines', 'getsentry__self-hosted/docker-compose.yml', 'dockercompose');
  if (out.length === 0) {
    const example = path.join(repo, 'examples', 'ci-runner', 'compose.yaml');
    if (fs.existsSync(example))
      out.push({ name: '(a) example (no corpus)', file: example, languageId: 'dockercompose', text: fs.readFileSync(example, 'utf8') });
  }
  const big = path.join(tmp, 'docker-compose.yml');
  fs.writeFileSync(big, generateLargeCompose(500));
  out.push({ name: '(c) generated 500 services', file: big, languageId: 'dockercompose', text: fs.readFileSync(big, 'utf8') });
  const df = path.join(tmp, 'Dockerfile');
  fs.writeFileSync(df, generateLongDockerfile(12));
  out.push({ name: '(d) long multi-stage Dockerfile', file: df, languageId: 'dockerfile', text: fs.readFileSync(df, 'utf8') });
  const sentry = out.find((c) => c.name.startsWith('(b)'));
  if (sentry) {
    // The same file with a docker-compose.override.yml beside it: every keystroke lints the two-file project.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-bench-override-'));
    const file = path.join(dir, 'docker-compose.yml');
    fs.writeFileSync(file, sentry.text);
    const services = parseDocument(sentry.text).get('services') as { items: { key: { value: string } }[] };
    fs.writeFileSync(path.join(dir, 'docker-compose.override.yml'), generateOverride(services.items.map((p) => p.key.value)));
    out.push({ name: '(e) (b) + override file', file, languageId: 'dockercompose', text: sentry.text });
  }
  // A realistic devcontainer.json (comments, runArgs, mounts, features, lifecycle commands), in its .devcontainer/.
  const example = path.join(repo, 'examples', 'devcontainer', '.devcontainer', 'devcontainer.json');
  if (fs.existsSync(example)) {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dw-bench-dc-')), '.devcontainer');
    fs.mkdirSync(dir);
    const file = path.join(dir, 'devcontainer.json');
    fs.copyFileSync(example, file);
    out.push({ name: '(g) devcontainer.json', file, languageId: 'jsonc', text: fs.readFileSync(file, 'utf8') });
  }
  return out;
}

/**
 * The parse floor and a whole lint (as the CLI and the language server do it: with the project's `.env`, override
 * files and Dockerfiles), timed in alternation after a warm-up, so that JIT and garbage collection weigh on both alike.
 */
function floorAndLint(c: Case): { floor: number[]; lint: number[] } {
  const parse =
    c.languageId === 'dockerfile'
      ? () => DockerfileParser.parse(c.text)
      : c.languageId === 'jsonc'
        ? () => parseTree(c.text, [], { allowTrailingComma: true })
        : () => parseDocument(c.text);
  // Cold, as the CLI lints a file: a fresh analysis keeps none of the RUN analyses and parses the editor keeps.
  const lint = () => {
    new Analysis().lint(c.file, { text: c.text });
  };
  // Warm-up until both are compiled as a running language server has them (a lint runs far more code than the
  // parse, so it needs more calls than the parse to get there): up to 200 rounds or about a second.
  const warmUntil = Date.now() + (smoke ? 100 : 1000);
  for (let i = 0; i < (smoke ? 5 : 200) && (i < 3 || Date.now() < warmUntil); i++) {
    parse();
    lint();
  }
  // At least N pairs, more for small files (up to 1,000 or about two seconds): a millisecond-scale p50 needs many.
  const out = { floor: [] as number[], lint: [] as number[] };
  const sampleUntil = Date.now() + (smoke ? 0 : 2000);
  for (let i = 0; i < N || (i < 1000 && Date.now() < sampleUntil); i++) {
    out.floor.push(...timeIt(parse, 1));
    out.lint.push(...timeIt(lint, 1));
  }
  return out;
}

interface EditPoints {
  end: { line: number; character: number };
  middle: { line: number; character: number };
  /** Where Enter is typed, when not at `middle`. */
  enter?: { line: number; character: number };
}

/**
 * Where the benchmark types: after the last line, and at the end of a `key: value` line in the middle. In JSON, where
 * a letter after a value or a line break inside a string is a syntax error, inside string values (the last one and
 * one in the middle), and Enter at the start of the middle line.
 */
function editPoints(text: string, languageId: string): EditPoints {
  const lines = text.split('\n');
  if (languageId === 'jsonc') {
    const inString = (line: number) => ({ line, character: lines[line].lastIndexOf('"') });
    const valued = (l: string) => /^\s+"\w+": "[^"]*",?\s*$/.test(l);
    let middle = Math.floor(lines.length / 2);
    while (middle < lines.length - 1 && !valued(lines[middle])) middle++;
    let last = lines.length - 1;
    while (last > 0 && !valued(lines[last])) last--;
    return { end: inString(last), middle: inString(middle), enter: { line: middle, character: 0 } };
  }
  const end = { line: lines.length - 1, character: 0 }; // the empty line after the final newline
  // A compose value, or a Dockerfile instruction or the last line of a continued RUN (typing after a `\` would
  // join the next line to it, which is not what typing a word does).
  const valueLine = /^\s+[A-Za-z_][\w.-]*:\s+[\w"'/.$-]|^(RUN|ENV|COPY|ARG) \S|^\s+&& \S/;
  let line = Math.floor(lines.length / 2);
  while (line < lines.length - 1 && !(valueLine.test(lines[line]) && !/\\\s*$/.test(lines[line]))) line++;
  return { end, middle: { line, character: lines[line].length } };
}

/**
 * Latencies of `N` one-character edits at `at`, each until its publishDiagnostics. `typed` is a letter (or `#` at the
 * start of a line) then more letters, a growing word, every version new as in real typing; or a line break, typed
 * and deleted in turn (Enter, Backspace: every line below moves each time, and the file keeps its size).
 */
async function typing(client: BenchClient, c: Case, at: { line: number; character: number }, typed: string): Promise<number[]> {
  const uri = client.open(c.file, c.languageId, c.text);
  await client.nextDiagnostics(uri, 30_000);
  let version = 1;
  const edit = async (start: { line: number; character: number }, text: string, end = start): Promise<number> => {
    const wait = client.nextDiagnostics(uri);
    const t0 = process.hrtime.bigint();
    client.change(uri, ++version, start, text, end);
    await wait;
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  const after = (p: { line: number; character: number }) => ({ line: p.line, character: p.character + 1 });
  // Not counted: a letter typed and deleted in turn, until the server's JIT is warm as after a few seconds of
  // typing (at least 10 edits, about a second's worth where edits are fast); the text ends as it began.
  const warmUntil = Date.now() + (smoke ? 0 : 1000);
  for (let i = 0; i < 300 && (i < (smoke ? 2 : 10) || Date.now() < warmUntil || i % 2 === 1); i++) {
    await (i % 2 === 0 ? edit(at, 'x') : edit(at, '', after(at)));
  }
  const times: number[] = [];
  for (let i = 0; i < N; i++) {
    if (typed !== '\n') times.push(await edit({ line: at.line, character: at.character + i }, i === 0 ? typed : 'x'));
    else times.push(await (i % 2 === 0 ? edit(at, '\n') : edit(at, '', { line: at.line + 1, character: 0 })));
  }
  client.close(uri);
  return times;
}

/**
 * The CLI beside compose-lint on the same files, whole process, in alternation (bench/cli-compare.ts): one small
 * compose file (a pre-commit hook), the corpus's compose files, those ×10 each in a folder of its own, the
 * corpus's Dockerfiles; each with its parse floor, and the small file with a bare `node -e 0`.
 */
function cliSideBySide(): CompareRow[] {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-bench-cli-'));
  const measure = meter();
  console.log(`CLI side by side, measured with ${measure.name}`);
  const peer = composeLint(path.join(shared, 'peers', 'compose-lint'));
  if (peer.note) console.log(peer.note);
  const floors = floorScripts(tmp);
  const { compose, dockerfiles } = corpusFiles(corpus);
  const smallFile = [
    path.join(corpus, 'docker__awesome-compose', 'react-express-mongodb__compose.yaml'),
    path.join(repo, 'examples', 'ci-runner', 'compose.yaml'),
  ].find((f) => fs.existsSync(f))!;
  const copies = smoke ? 2 : 10;
  const workloads: Array<{ w: Workload; runs: number }> = [
    { w: workload('one small compose file', [smallFile], 'compose'), runs: smoke ? 1 : 21 },
  ];
  if (compose.length > 0) {
    const kb = (files: string[]) => Math.round(files.reduce((n, f) => n + fs.statSync(f).size, 0) / 1024);
    workloads.push({ w: workload(`corpus: ${compose.length} compose files (${kb(compose)} KB)`, compose, 'compose'), runs: smoke ? 1 : 7 });
    const many = replicate(compose, copies, path.join(tmp, 'copies'));
    workloads.push({ w: workload(`×${copies}: ${many.length} folders (${kb(many)} KB)`, many, 'compose'), runs: smoke ? 1 : 5 });
    if (dockerfiles.length > 0)
      workloads.push({
        w: workload(`corpus: ${dockerfiles.length} Dockerfiles (${kb(dockerfiles)} KB)`, dockerfiles, 'dockerfile'),
        runs: smoke ? 1 : 7,
      });
  } else {
    console.log(`corpus not found at ${corpus}: no corpus rows`);
  }
  // The corpus has no scripts or devcontainer.json: generated ones (bench/generate.ts, the examples), one per folder.
  const kbOf = (files: string[]) => Math.round(files.reduce((n, f) => n + fs.statSync(f).size, 0) / 1024);
  const scripts = generateScripts(smoke ? 5 : 200, 150, path.join(tmp, 'scripts'), generateShellScript);
  workloads.push({
    w: workload(`${scripts.length} deploy scripts, 150 lines (${kbOf(scripts)} KB)`, scripts, 'script'),
    runs: smoke ? 1 : 7,
  });
  const devcontainer = path.join(repo, 'examples', 'devcontainer', '.devcontainer', 'devcontainer.json');
  if (fs.existsSync(devcontainer)) {
    const dcs = replicateDevcontainer(devcontainer, smoke ? 5 : 500, path.join(tmp, 'devcontainers'));
    workloads.push({ w: workload(`${dcs.length} devcontainer.json (${kbOf(dcs)} KB)`, dcs, 'devcontainer'), runs: smoke ? 1 : 7 });
  }
  const node = process.execPath;
  const rows: CompareRow[] = [];
  for (const { w, runs } of workloads) {
    const tools: Parameters<typeof compare>[1] = [
      { tool: { name: 'dockwarden', cmd: node, args: [cliJs, '--format', 'json', '--fail-on', 'none', ...w.files] }, role: 'ours' },
    ];
    if (peer.tool && w.kind === 'compose') tools.push({ tool: { ...peer.tool, args: [...peer.tool.args, ...w.files] }, role: 'peer' });
    const floorName = `floor: node + ${FLOOR_PARSER[w.kind]} parse`;
    tools.push({
      tool: { name: floorName, cmd: node, args: [floors[w.kind], listFile(tmp, `list-${rows.length}`, w.files)] },
      role: 'floor',
    });
    if (w.files.length === 1) tools.push({ tool: { name: 'node -e 0', cmd: node, args: ['-e', '0'] }, role: 'node' });
    rows.push(...compare(w, tools, runs, measure.run, tmp));
  }
  console.table(rows);
  console.log('compose-lint reads Compose files only: the Dockerfile, script and devcontainer.json rows have no side-by-side ratio.');
  return rows;
}

/** dclint (a Node Compose linter) on the corpus's compose files, once (about a minute), when installed. */
function throughput(): Row[] {
  const dclint = path.join(repo, 'bench', 'node_modules', 'dclint', 'bin', 'dclint.cjs');
  const { compose } = corpusFiles(corpus);
  if (!fs.existsSync(dclint) || compose.length === 0 || smoke) {
    if (!smoke) console.log('dclint not installed (npm --prefix bench ci) or no corpus: its row is skipped');
    return [];
  }
  const r = meter().run({ name: 'dclint', cmd: process.execPath, args: [dclint, ...compose] }, os.tmpdir());
  const rows = [
    {
      tool: 'dclint (peer)',
      files: compose.length,
      'wall s': round(r.wall, 2),
      'CPU s': round(r.cpu, 2),
      'peak RSS MB': round(r.rssMb, 0),
    },
  ];
  console.table(rows);
  return rows;
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const results: Record<string, unknown> = {
    machine: machine(),
    date: new Date().toISOString(),
    smoke,
  };
  const all = cases();

  if (part('latency')) await latency(all, rows, results);
  if (part('cli')) {
    results.cli = cliSideBySide();
    results.throughput = throughput();
  }
  if (part('server')) await serverMemoryAndSize(all, results);
  if (part('findings')) results.corpusFindings = findingsOnCorpus();
  // A partial run (--only) is for looking, not for the record.
  if (!only)
    fs.writeFileSync(path.join(repo, 'bench', smoke ? 'results.smoke.json' : 'results.json'), JSON.stringify(results, null, 2) + '\n');
}

async function latency(all: Case[], rows: Row[], results: Record<string, unknown>): Promise<void> {
  const client = await BenchClient.start(serverJs, { debounceMs: 0, enable: true, run: 'onType' });
  for (const c of all) {
    const { floor: fl, lint } = floorAndLint(c);
    const points = editPoints(c.text, c.languageId);
    const atEnd = await typing(client, c, points.end, c.languageId === 'jsonc' ? 'x' : '#');
    const inMiddle = await typing(client, c, points.middle, 'x');
    const enterMid = await typing(client, c, points.enter ?? points.middle, '\n');
    const floorP50 = percentile(fl, 50);
    rows.push({
      case: c.name,
      lines: c.text.split('\n').length,
      'floor p50 ms': round(floorP50),
      'lint p50 ms': round(percentile(lint, 50)),
      'lint/floor': round(percentile(lint, 50) / floorP50),
      'typing at end p50 ms': round(percentile(atEnd, 50)),
      'p95 ms': round(percentile(atEnd, 95)),
      'end/floor': round(percentile(atEnd, 50) / floorP50),
      [`typing mid p50 ms`]: round(percentile(inMiddle, 50)),
      'mid p95 ms': round(percentile(inMiddle, 95)),
      'mid/floor': round(percentile(inMiddle, 50) / floorP50),
      'Enter mid p50 ms': round(percentile(enterMid, 50)),
      'Enter p95 ms': round(percentile(enterMid, 95)),
      'Enter/floor': round(percentile(enterMid, 50) / floorP50),
      'mid line': points.middle.line + 1,
    });
  }
  await client.stop();
  results.latency = rows;
  console.table(rows);
  // Shell scripts: linted from scratch and while typing (one analysis, one session), in this process.
  const script = shellScriptTyping(smoke);
  results.shellScript = script;
  console.table([script]);
}

async function serverMemoryAndSize(all: Case[], results: Record<string, unknown>): Promise<void> {
  const docs = smoke ? 50 : 1000;
  const memClient = await BenchClient.start(serverJs, { debounceMs: 0 });
  const t0 = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-bench-docs-'));
  const base = all[0];
  const waits: Promise<void>[] = [];
  for (let i = 0; i < docs; i++) {
    const uri = memClient.open(path.join(tmp, `p${i}`, 'compose.yaml'), 'dockercompose', base.text);
    waits.push(memClient.nextDiagnostics(uri, 120_000));
  }
  await Promise.all(waits);
  const memory = {
    'open documents': docs,
    'server RSS MB': round(memClient.rssMb(), 1),
    'time to lint all s': round((Date.now() - t0) / 1000, 2),
  };
  await memClient.stop();
  console.table([memory]);
  results.memory = memory;

  const startT = process.hrtime.bigint();
  const startClient = await BenchClient.start(serverJs, {});
  const initialized = Number(process.hrtime.bigint() - startT) / 1e6;
  const trips: number[] = [];
  for (let i = 0; i < (smoke ? 20 : 300); i++) trips.push(await startClient.roundTrip());
  // The transport's share of every typing latency above: a request the server answers without any work.
  const startup = {
    'server initialize ms': round(initialized, 1),
    'LSP round trip p50 ms': round(percentile(trips.slice(trips.length / 3), 50), 2),
  };
  await startClient.stop();
  const vsix = fs
    .readdirSync(repo)
    .filter((f) => f.endsWith('.vsix'))
    .sort()
    .pop();
  const loads = Array.from({ length: smoke ? 1 : 7 }, () =>
    Number(spawnSync(process.execPath, [path.join(__dirname, 'extension-load.js')], { encoding: 'utf8' }).stdout),
  );
  const size = {
    ...startup,
    'extension load ms': round(percentile(loads, 50), 1),
    'VSIX KB': vsix ? round(fs.statSync(path.join(repo, vsix)).size / 1024, 0) : 'not built (npm run package)',
  };
  console.table([size]);
  results.size = size;
}

/** What a user sees on the corpus's projects by default (bench/corpus-findings.ts): once, not timed. */
function findingsOnCorpus(): CorpusFindings | string {
  const measured = corpusFindings(corpus, cliJs);
  if (!measured) return `skipped: no corpus at ${corpus}`;
  console.log('Findings on the corpus, run as a user runs it (no settings: the recommended profile):');
  console.table([measured]);
  return measured;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
