/**
 * What a user sees on real projects, run as they run it: the corpus's files put back in their projects' trees
 * (MANIFEST.tsv's original paths, in a temp folder, so that override files, `.env` and build contexts are found),
 * then `dockwarden --format json .` in each project with no settings (the recommended profile, fail-on error).
 * Reported: files misdetected (a compose file or Dockerfile not linted, or a `.env` linted), findings per linted
 * file (median, p90) and per service, by severity, and the share of warnings + errors among what is shown.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { percentile, round } from './stats';

interface Row {
  repo: string;
  originalPath: string;
  kind: string;
  corpusFile: string;
}

interface JsonFinding {
  file: string;
  rule: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  services?: string[];
}

export interface CorpusFindings {
  projects: number;
  'files linted': number;
  misdetected: number;
  'findings shown': number;
  'median per file': number;
  'p90 per file': number;
  'per service': number;
  error: number;
  warning: number;
  info: number;
  hint: number;
  'warning + error share': number;
  'top rules': string;
}

function manifest(corpus: string): Row[] {
  const [header, ...lines] = fs.readFileSync(path.join(corpus, 'MANIFEST.tsv'), 'utf8').trim().split('\n');
  const col = (name: string) => header.split('\t').indexOf(name);
  const [repo, original, kind, file] = ['repo', 'original_path', 'kind', 'corpus_file'].map(col);
  return lines.map((l) => l.split('\t')).map((c) => ({ repo: c[repo], originalPath: c[original], kind: c[kind], corpusFile: c[file] }));
}

/** The projects' trees under `tmp`: one folder per repository, each file at its original path. */
function rebuild(corpus: string, rows: readonly Row[], tmp: string): Map<string, Row[]> {
  const byRepo = new Map<string, Row[]>();
  for (const row of rows) {
    const target = path.join(tmp, row.repo.replace('/', '__'), row.originalPath);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(corpus, row.corpusFile), target);
    byRepo.set(row.repo, [...(byRepo.get(row.repo) ?? []), row]);
  }
  return byRepo;
}

export function corpusFindings(corpus: string, cliJs: string): CorpusFindings | undefined {
  if (!fs.existsSync(path.join(corpus, 'MANIFEST.tsv'))) return undefined;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-bench-corpus-'));
  try {
    const byRepo = rebuild(corpus, manifest(corpus), tmp);
    const linted: string[] = [];
    const findings: JsonFinding[] = [];
    let misdetected = 0;
    for (const [repo, rows] of byRepo) {
      const folder = repo.replace('/', '__');
      const cwd = path.join(tmp, folder);
      const run = spawnSync(process.execPath, [cliJs, '--format', 'json', '--fail-on', 'none', '.'], {
        cwd,
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
        env: { PATH: process.env.PATH ?? '' },
      });
      const out = JSON.parse(run.stdout) as { files: string[]; findings: JsonFinding[] };
      const files = new Set(out.files);
      // A compose file may be linted within its project (an override, an `include`d or `extends` file) rather
      // than alone: it is detected when it is linted or a finding of the project is written in it.
      const reached = new Set([...files, ...out.findings.map((f) => f.file)]);
      for (const row of rows) {
        const expected = row.kind === 'compose' || row.kind === 'dockerfile';
        if (expected !== reached.has(row.originalPath) && !(expected && row.kind === 'compose' && coveredCompose(row, files)))
          misdetected++;
      }
      linted.push(...out.files.map((f) => `${folder}/${f}`));
      findings.push(...out.findings.map((f) => ({ ...f, file: `${folder}/${f.file}` })));
    }
    return summarize(linted, findings, misdetected, byRepo.size, servicesIn(tmp, linted));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** A Compose file with no finding of its own counts as reached when its folder's project was linted. */
function coveredCompose(row: Row, linted: ReadonlySet<string>): boolean {
  const dir = path.dirname(row.originalPath);
  return [...linted].some((f) => path.dirname(f) === dir);
}

/** The services declared in the linted Compose files (for findings per service). */
function servicesIn(tmp: string, linted: readonly string[]): number {
  let n = 0;
  for (const f of linted.filter((x) => /\.ya?ml$/.test(x))) {
    try {
      const doc = parse(fs.readFileSync(path.join(tmp, f), 'utf8'), { logLevel: 'silent' }) as { services?: object };
      if (doc && typeof doc.services === 'object' && doc.services) n += Object.keys(doc.services).length;
    } catch {
      // not parseable: it declares no service that could be counted
    }
  }
  return n;
}

function summarize(linted: string[], findings: JsonFinding[], misdetected: number, projects: number, services: number): CorpusFindings {
  const perFile = new Map(linted.map((f) => [f, 0]));
  const bySeverity = { error: 0, warning: 0, info: 0, hint: 0 };
  const byRule = new Map<string, number>();
  for (const f of findings) {
    perFile.set(f.file, (perFile.get(f.file) ?? 0) + 1);
    bySeverity[f.severity]++;
    byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
  }
  const counts = [...perFile.values()];
  const shown = findings.length;
  const top = [...byRule]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([rule, n]) => `${rule} ${n}`)
    .join(', ');
  return {
    projects,
    'files linted': linted.length,
    misdetected,
    'findings shown': shown,
    'median per file': percentile(counts, 50),
    'p90 per file': percentile(counts, 90),
    'per service': services ? round(findings.filter((f) => /\.ya?ml$/.test(f.file)).length / services, 2) : 0,
    ...bySeverity,
    'warning + error share': shown ? round((bySeverity.error + bySeverity.warning) / shown, 2) : 0,
    'top rules': top,
  };
}
