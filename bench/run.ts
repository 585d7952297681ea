/**
 * `npm run bench` — latency against the parse floor, CLI throughput against a peer, memory and size.
 * `npm run bench -- --smoke` runs every part with small N (what CI does). Results: stdout table + bench/results.json.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { DockerfileParser } from 'dockerfile-ast';
import { Analysis } from '../server/src/analysis';
import { BenchClient } from './lsp-client';
import { generateLargeCompose, generateLongDockerfile, generateOverride } from './generate';
import { percentile, round, timeIt } from './stats';
import { shellScriptTyping } from './shell-script';

const repo = path.resolve(__dirname, '..', '..');
const corpus = path.resolve(repo, '..', 'shared', 'corpus-realworld');
const smoke = process.argv.includes('--smoke');
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
  return out;
}

/**
 * The parse floor and a whole lint (as the CLI and the language server do it: with the project's `.env`, override
 * files and Dockerfiles), timed in alternation after a warm-up, so that JIT and garbage collection weigh on both alike.
 */
function floorAndLint(c: Case): { floor: number[]; lint: number[] } {
  const parse = c.languageId === 'dockerfile' ? () => DockerfileParser.parse(c.text) : () => parseDocument(c.text);
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

/** Where the benchmark types: after the last line, and at the end of a `key: value` line in the middle. */
function editPoints(text: string): { end: { line: number; character: number }; middle: { line: number; character: number } } {
  const lines = text.split('\n');
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

function composeFilesOfCorpus(): string[] {
  const manifest = path.join(corpus, 'MANIFEST.tsv');
  if (!fs.existsSync(manifest)) return [];
  return fs
    .readFileSync(manifest, 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'))
    .filter((c) => c[4] === 'compose' && c[5] === 'project')
    .map((c) => path.join(corpus, c[10]))
    .filter((f) => fs.existsSync(f));
}

/** Whole-process wall time (s) and peak RSS (MB) of a command, via /usr/bin/time. */
function timeProcess(cmd: string, args: string[]): { seconds: number; rssMb: number; status: number | null } {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const last = r.stderr.trim().split('\n').pop() ?? '';
  const [secs, kb] = last.split(' ').map(Number);
  return { seconds: secs, rssMb: round(kb / 1024, 1), status: r.status };
}

function medianRun(cmd: string, args: string[], runs: number) {
  const results = Array.from({ length: runs }, () => timeProcess(cmd, args));
  results.sort((a, b) => a.seconds - b.seconds);
  return results[Math.floor(results.length / 2)];
}

/** Median whole-process runs of several node scripts, run in turn `runs` times. */
function alternatingMedians(commands: string[][], runs: number) {
  const all = commands.map(() => [] as ReturnType<typeof timeProcess>[]);
  for (let i = 0; i < runs; i++) commands.forEach((args, c) => all[c].push(timeProcess(process.execPath, args)));
  return all.map((results) => results.sort((a, b) => a.seconds - b.seconds)[Math.floor(results.length / 2)]);
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const results: Record<string, unknown> = {
    machine: `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${round(os.totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}`,
    date: new Date().toISOString(),
    smoke,
  };
  const all = cases();

  const client = await BenchClient.start(serverJs, { debounceMs: 0, enable: true, run: 'onType' });
  for (const c of all) {
    const { floor: fl, lint } = floorAndLint(c);
    const points = editPoints(c.text);
    const atEnd = await typing(client, c, points.end, '#');
    const inMiddle = await typing(client, c, points.middle, 'x');
    const enterMid = await typing(client, c, points.middle, '\n');
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
  // Shell scripts are not linted by the server yet: their parse, from scratch and while typing, in this process.
  const script = shellScriptTyping(smoke);
  results.shellScript = script;
  console.table([script]);

  const throughput: Row[] = [];
  const composeFiles = composeFilesOfCorpus();
  if (composeFiles.length > 0) {
    const listFile = path.join(os.tmpdir(), 'dw-bench-files.txt');
    fs.writeFileSync(listFile, composeFiles.join('\n'));
    // In alternation, so that a slow spell of the machine weighs on both alike.
    const [ours, floor] = alternatingMedians(
      [
        [cliJs, '--format', 'json', '--fail-on', 'none', ...composeFiles],
        [path.join(__dirname, 'yaml-floor.js'), listFile],
      ],
      smoke ? 1 : 7,
    );
    const row = (tool: string, r: { seconds: number; rssMb: number }) => ({
      tool,
      files: composeFiles.length,
      'wall s': r.seconds,
      'files/s': round(composeFiles.length / r.seconds, 0),
      'peak RSS MB': r.rssMb,
      '/floor': round(r.seconds / floor.seconds, 2),
    });
    throughput.push(row('dockwarden', ours));
    // What Node start-up, reading the files and a cold `yaml` parse cost on their own.
    throughput.push(row('floor: node + yaml parse', floor));
    const dclint = path.join(repo, 'bench', 'node_modules', 'dclint', 'bin', 'dclint.cjs');
    if (fs.existsSync(dclint)) {
      // About a minute a run: once is enough to compare.
      const peer = medianRun(process.execPath, [dclint, ...composeFiles], 1);
      throughput.push(row('dclint (peer)', peer));
    } else {
      console.log('dclint not installed (npm --prefix bench ci): peer comparison skipped');
    }
    console.table(throughput);
  } else {
    console.log(`corpus not found at ${corpus}: CLI throughput skipped`);
  }
  results.throughput = throughput;

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

  fs.writeFileSync(path.join(repo, 'bench', smoke ? 'results.smoke.json' : 'results.json'), JSON.stringify(results, null, 2) + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
