/**
 * The CLI side by side with compose-lint (the Python Compose security linter), whole process, in alternation:
 * one small compose file (a pre-commit hook), the corpus's compose files, those files ×10 in as many folders
 * (generated under a temp folder at bench time, not committed), and the corpus's Dockerfiles; each beside its
 * floor (a Node process that only reads and parses the same files) and, for the small file, a bare `node -e 0`.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { percentile, round } from './stats';

export interface ProcessRun {
  wall: number;
  /** User + system CPU seconds (NaN when nothing here can measure them). */
  cpu: number;
  rssMb: number;
  status: number | null;
}

export interface Tool {
  name: string;
  cmd: string;
  args: string[];
  env?: Record<string, string>;
}

export interface Workload {
  name: string;
  files: string[];
  bytes: number;
  /** compose-lint lints Compose files only. */
  kind: 'compose' | 'dockerfile' | 'script' | 'devcontainer';
}

type Meter = (tool: Tool, cwd: string) => ProcessRun;

/**
 * How runs are measured: `bench/rusage.py` (wait4: CPU in microseconds, peak RSS) where python3 is, else GNU time
 * (CPU in hundredths of a second), else wall time only.
 */
export function meter(): { name: string; run: Meter } {
  const rusage = path.resolve(__dirname, '..', '..', 'bench', 'rusage.py');
  if (spawnSync('python3', ['-c', 'import os; os.wait4'], { stdio: 'ignore' }).status === 0) {
    return {
      name: 'wait4 (bench/rusage.py)',
      run: (tool, cwd) => {
        const r = spawnSync('python3', [rusage, tool.cmd, ...tool.args], { cwd, env: envOf(tool), encoding: 'utf8', maxBuffer: 1 << 20 });
        const m = JSON.parse(r.stdout.trim()) as { wall: number; user: number; sys: number; maxrssKb: number; status: number };
        return { wall: m.wall, cpu: m.user + m.sys, rssMb: m.maxrssKb / 1024, status: m.status };
      },
    };
  }
  if (fs.existsSync('/usr/bin/time')) {
    return {
      name: 'GNU time',
      run: (tool, cwd) => {
        const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', tool.cmd, ...tool.args], {
          cwd,
          env: envOf(tool),
          encoding: 'utf8',
          stdio: ['ignore', 'ignore', 'pipe'],
          maxBuffer: 1 << 28,
        });
        const [wall, user, sys, kb] = (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
        return { wall, cpu: user + sys, rssMb: kb / 1024, status: r.status };
      },
    };
  }
  return {
    name: 'wall clock only',
    run: (tool, cwd) => {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(tool.cmd, tool.args, { cwd, env: envOf(tool), stdio: 'ignore' });
      return { wall: Number(process.hrtime.bigint() - t0) / 1e9, cpu: NaN, rssMb: NaN, status: r.status };
    },
  };
}

function envOf(tool: Tool): NodeJS.ProcessEnv {
  return tool.env ? { ...process.env, ...tool.env } : process.env;
}

/** compose-lint from `peerDir` (its `src/`), when it and PyYAML are there; else why not. */
export function composeLint(peerDir: string): { tool?: Tool; note?: string } {
  const src = path.join(peerDir, 'src');
  if (!fs.existsSync(path.join(src, 'compose_lint'))) return { note: `compose-lint not found at ${peerDir}: its rows are skipped` };
  const env = { PYTHONPATH: src };
  const probe = spawnSync('python3', ['-c', 'import yaml, compose_lint'], { env: { ...process.env, ...env }, stdio: 'ignore' });
  if (probe.status !== 0)
    return { note: 'compose-lint needs python3 with PyYAML (Debian: apt-get install python3-yaml): its rows are skipped' };
  const version = spawnSync('python3', ['-m', 'compose_lint', '--version'], { env: { ...process.env, ...env }, encoding: 'utf8' });
  const name = `compose-lint ${/\d+\.\d+(\.\d+)?/.exec(version.stdout + version.stderr)?.[0] ?? ''}`.trim();
  return { tool: { name, cmd: 'python3', args: ['-m', 'compose_lint', '--format', 'json'], env } };
}

/** The corpus's compose files (named like one: `*compose*.y(a)ml`) and Dockerfiles, from its MANIFEST.tsv. */
export function corpusFiles(corpus: string): { compose: string[]; dockerfiles: string[] } {
  const manifest = path.join(corpus, 'MANIFEST.tsv');
  if (!fs.existsSync(manifest)) return { compose: [], dockerfiles: [] };
  const rows = fs
    .readFileSync(manifest, 'utf8')
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'))
    .filter((c) => c.length > 10);
  const existing = (kind: string, name: RegExp) =>
    rows
      .filter((c) => c[4] === kind && name.test(path.basename(c[10])))
      .map((c) => path.join(corpus, c[10]))
      .filter((f) => fs.existsSync(f));
  return { compose: existing('compose', /compose[^/]*\.ya?ml$/i), dockerfiles: existing('dockerfile', /./) };
}

/**
 * `copies` copies of each file, each alone in a folder of its own (`<tmp>/r<copy>/p<index>/<name>`), named as in
 * its project (the corpus prefixes names with the path they had: `a__b__compose.yaml` is written `compose.yaml`).
 */
export function replicate(files: readonly string[], copies: number, tmp: string): string[] {
  const out: string[] = [];
  for (let r = 0; r < copies; r++) {
    files.forEach((file, i) => {
      const dir = path.join(tmp, `r${r}`, `p${String(i).padStart(4, '0')}`);
      fs.mkdirSync(dir, { recursive: true });
      const target = path.join(dir, path.basename(file).split('__').pop()!);
      fs.copyFileSync(file, target);
      out.push(target);
    });
  }
  return out;
}

export function workload(name: string, files: string[], kind: Workload['kind']): Workload {
  return { name, files, kind, bytes: files.reduce((n, f) => n + fs.statSync(f).size, 0) };
}

/** The floor processes, bundled like the CLI (one minified file), so that they load as fast as it does. */
export function floorScripts(tmp: string): Record<Workload['kind'], string> {
  const src = path.resolve(__dirname, '..', '..', 'bench');
  const common = {
    bundle: true,
    platform: 'node' as const,
    target: 'node20',
    format: 'cjs' as const,
    minify: true,
    logLevel: 'warning' as const,
    // As in scripts/bundle.mjs: jsonc-parser's `main` is a UMD build esbuild cannot follow.
    alias: { 'jsonc-parser': path.resolve(src, '..', 'node_modules', 'jsonc-parser', 'lib', 'esm', 'main.js') },
  };
  const sources: Record<Workload['kind'], string> = {
    compose: 'yaml-floor.ts',
    dockerfile: 'dockerfile-floor.ts',
    script: 'shell-floor.ts',
    devcontainer: 'jsonc-floor.ts',
  };
  const out = {} as Record<Workload['kind'], string>;
  for (const [kind, source] of Object.entries(sources) as Array<[Workload['kind'], string]>) {
    out[kind] = path.join(tmp, source.replace(/\.ts$/, '.js'));
    buildSync({ ...common, entryPoints: [path.join(src, source)], outfile: out[kind] });
  }
  return out;
}

/** What a floor process parses with, for its row's name. */
export const FLOOR_PARSER: Record<Workload['kind'], string> = {
  compose: 'yaml',
  dockerfile: 'dockerfile-ast',
  script: 'mvdan-sh',
  devcontainer: 'jsonc-parser',
};

/**
 * `count` deploy scripts of about `lines` lines each (bench/generate.ts), one per folder (`<tmp>/p<i>/deploy.sh`),
 * each with names of its own: the script front end keeps parses by text, and copies of one script would be
 * parsed once.
 */
export function generateScripts(count: number, lines: number, tmp: string, generate: (lines: number) => string): string[] {
  const base = generate(lines);
  return Array.from({ length: count }, (_, i) => {
    const dir = path.join(tmp, `p${String(i).padStart(4, '0')}`);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'deploy.sh');
    fs.writeFileSync(file, base.replace(/svc(\d+)/g, `s${i}x$1`));
    return file;
  });
}

/** `count` copies of a devcontainer.json, each in `<tmp>/p<i>/.devcontainer/` (as a repository holds one). */
export function replicateDevcontainer(source: string, count: number, tmp: string): string[] {
  const text = fs.readFileSync(source, 'utf8');
  return Array.from({ length: count }, (_, i) => {
    const dir = path.join(tmp, `p${String(i).padStart(4, '0')}`, '.devcontainer');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'devcontainer.json');
    fs.writeFileSync(file, text.replace(/"name": "([^"]*)"/, `"name": "$1 ${i}"`));
    return file;
  });
}

export interface CompareRow {
  [key: string]: string | number;
}

/**
 * Runs every tool on the workload in turn (A B C A B C …) `runs` times after one warm-up round, and reports the
 * median of each, with the median of the pairwise ratios to `reference` (the run just before or after, so that a
 * slow spell of the machine weighs on both alike).
 */
export function compare(
  w: Workload,
  tools: Array<{ tool: Tool; role: 'ours' | 'peer' | 'floor' | 'node' }>,
  runs: number,
  measure: Meter,
  cwd: string,
): CompareRow[] {
  const results = tools.map(() => [] as ProcessRun[]);
  // The machine's one-minute load average before and after (others' work shares its cores): said with every row.
  const loadBefore = os.loadavg()[0];
  for (let i = -1; i < runs; i++) {
    tools.forEach((t, k) => {
      const r = measure(t.tool, cwd);
      if (i >= 0) results[k].push(r);
    });
  }
  const ours = tools.findIndex((t) => t.role === 'ours');
  const peer = tools.findIndex((t) => t.role === 'peer');
  const floor = tools.findIndex((t) => t.role === 'floor');
  const median = (xs: number[]) => percentile(xs, 50);
  const pairRatio = (a: number, b: number, key: 'wall' | 'cpu') => median(results[a].map((r, i) => r[key] / results[b][i][key]));
  return tools.map((t, k) => {
    const rs = results[k];
    const row: CompareRow = {
      workload: w.name,
      tool: t.tool.name,
      files: t.role === 'node' ? 0 : w.files.length,
      'wall s': round(median(rs.map((r) => r.wall)), 3),
      'CPU s': round(median(rs.map((r) => r.cpu)), 3),
      'peak RSS MB': round(median(rs.map((r) => r.rssMb)), 1),
      status: rs[0].status ?? 'signal',
      load: `${round(loadBefore, 1)}-${round(os.loadavg()[0], 1)}`,
    };
    if (k === ours && peer >= 0) {
      // How many times faster than the peer: its time over ours.
      row['× peer wall'] = round(pairRatio(peer, ours, 'wall'), 2);
      row['× peer CPU'] = round(pairRatio(peer, ours, 'cpu'), 2);
    }
    if (k === ours && floor >= 0) {
      row['/ floor wall'] = round(pairRatio(ours, floor, 'wall'), 2);
      row['/ floor CPU'] = round(pairRatio(ours, floor, 'cpu'), 2);
    }
    const node = tools.findIndex((x) => x.role === 'node');
    if (k === ours && node >= 0) {
      row['/ node -e 0 wall'] = round(pairRatio(ours, node, 'wall'), 2);
      row['/ node -e 0 CPU'] = round(pairRatio(ours, node, 'cpu'), 2);
    }
    return row;
  });
}

/** A list file for the floor processes (they take one argument, whatever the number of files). */
export function listFile(tmp: string, name: string, files: readonly string[]): string {
  const file = path.join(tmp, `${name}.txt`);
  fs.writeFileSync(file, files.join('\n') + '\n');
  return file;
}

export function machine(): string {
  return `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${round(os.totalmem() / 2 ** 30, 0)} GiB, Node ${process.version}`;
}
