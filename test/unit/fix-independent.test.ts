/**
 * No fix leaves a file its tool rejects (../shared/rules.md § Fix safety), checked with parsers that are not
 * Dockwarden's: every single quick fix and fix-all, over the test fixtures and the real-world corpus.
 *
 * - Compose: PyYAML loads the result; docker-compose 1.29's loader accepts it (its `config`, in one process); every
 *   published port fits Compose v2's grammar (test/helpers/independent_check.py). A result counts as damaged when
 *   the original passes a check and the result does not.
 * - Dockerfiles: dockerfile-ast parses the result with the same instructions (root-user's fix adds one USER), every
 *   exec form that was a JSON array still is one, a Windows image gets no `USER 10001`, and `bash -n` accepts every
 *   changed shell-form RUN it accepted before.
 *
 * PyYAML and docker-compose are Debian packages (python3-yaml, docker-compose); .ci/run installs both and sets
 * DOCKWARDEN_INDEPENDENT_PARSERS=required, so CI fails instead of skipping when they are missing. On a machine without
 * them the test skips with that message.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { lintText } from '../helpers/lint';
import { Analysis } from '../../server/src/analysis';
import { parseDockerfile } from '../../server/src/dockerfile/parse';
import type { Finding } from '../../shared-rules/src/rule';
import { applyEdits } from '../helpers/edits';
import { corpusFiles, type CorpusFile } from '../helpers/corpus';

const REPO = path.resolve(__dirname, '../../..');
const FIXTURES = path.join(REPO, 'test', 'fixtures');
const CHECKER = path.join(REPO, 'test', 'helpers', 'independent_check.py');
const REQUIRED = process.env.DOCKWARDEN_INDEPENDENT_PARSERS === 'required';

function runs(cmd: string, args: string[]): boolean {
  try {
    return spawnSync(cmd, args, { stdio: 'ignore', timeout: 30_000 }).status === 0;
  } catch {
    return false;
  }
}

/** Python interpreters to try: docker-compose's own (its shebang), the system's, the one on PATH. */
function pythons(): string[] {
  const out: string[] = [];
  const which = spawnSync('sh', ['-c', 'command -v docker-compose'], { encoding: 'utf8' });
  const compose = which.status === 0 ? which.stdout.trim() : '';
  if (compose) {
    try {
      const shebang = /^#!\s*(\S+)/.exec(fs.readFileSync(compose, 'utf8').slice(0, 200));
      if (shebang && !shebang[1].endsWith('/env')) out.push(shebang[1]);
    } catch {
      // a binary docker-compose (v2): not a Python program
    }
  }
  out.push('/usr/bin/python3', 'python3');
  return [...new Set(out)];
}

interface Tools {
  python?: string;
  compose: boolean;
  bash: boolean;
}

function findTools(): Tools {
  const candidates = pythons().filter((p) => runs(p, ['-c', 'import yaml']));
  const withCompose = candidates.find((p) => runs(p, ['-c', 'import compose.config.config']));
  return { python: withCompose ?? candidates[0], compose: withCompose !== undefined, bash: runs('bash', ['-c', 'true']) };
}

const tools = findTools();
// Skipped only where the tools are absent and not required (a fresh clone); CI requires them.
const SKIP =
  tools.python || REQUIRED
    ? false
    : 'PyYAML not found (Debian: apt-get install python3-yaml; docker-compose adds the Compose check): fixed files not checked';

interface Input {
  file: string;
  kind: 'compose' | 'dockerfile';
}

/** Compose files and Dockerfiles of test/fixtures (by name or content) and of the corpus (by its manifest). */
function inputs(): Input[] {
  const out: Input[] = [];
  const analysis = new Analysis();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        const kind = analysis.kindOf(p, { text: () => fs.readFileSync(p, 'utf8') });
        if (kind === 'compose' || kind === 'dockerfile') out.push({ file: p, kind });
      }
    }
  };
  walk(FIXTURES);
  out.push(...corpusFiles().map((f: CorpusFile) => ({ file: f.file, kind: f.kind })));
  return out;
}

interface Variant {
  input: Input;
  label: string;
  rules: string[];
  text: string;
  /** Where the result is written: beside links to the original's neighbours (.env, env_file, build contexts). */
  path?: string;
}

function lint(input: Input, text: string): Finding[] {
  return lintText({ file: input.file, text, kind: input.kind }).findings;
}

function fixable(findings: Finding[], file: string): Finding[] {
  return findings.filter((f) => f.fix && f.fix.edits.length > 0 && f.fix.edits.every((e) => e.file === file));
}

/** Every single fix, and all fixes applied one after another (as fix-all does), of one file. */
function variants(input: Input, original: string): Variant[] {
  const out: Variant[] = [];
  const findings = lint(input, original);
  const fixes = fixable(findings, input.file);
  fixes.forEach((f, i) => {
    out.push({
      input,
      label: `fix ${i + 1} (${f.rule} at ${f.at.range.start.line + 1})`,
      rules: [f.rule],
      text: applyEdits(original, f.fix!.edits, input.file),
    });
  });
  if (fixes.length > 1) {
    let text = original;
    const rules: string[] = [];
    for (let pass = 0; pass < fixes.length * 3 + 10; pass++) {
      const next = fixable(lint(input, text), input.file)[0];
      if (!next) break;
      rules.push(next.rule);
      text = applyEdits(text, next.fix!.edits, input.file);
    }
    out.push({ input, label: 'fix-all', rules, text });
  }
  return out.filter((v) => v.text !== original);
}

/** A folder of links to the original folder's entries, where the results are written. */
class Mirrors {
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwarden-fix-independent-'));
  private readonly dirs = new Map<string, string>();
  private n = 0;

  write(v: Variant): string {
    const from = path.dirname(v.input.file);
    let dir = this.dirs.get(from);
    if (!dir) {
      dir = path.join(this.root, String(this.dirs.size));
      fs.mkdirSync(dir);
      for (const name of fs.readdirSync(from)) fs.symlinkSync(path.join(from, name), path.join(dir, name));
      this.dirs.set(from, dir);
    }
    const file = path.join(dir, `dwfix-${this.n++}-${path.basename(v.input.file)}`);
    fs.writeFileSync(file, v.text);
    return file;
  }

  remove(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

interface ComposeCheck {
  yaml: string | null;
  compose: string | null;
  ports: string[];
}

/**
 * Runs the checker over `files` (a `-` before a path: PyYAML and the ports only), split over the cores, each part in
 * one Python process.
 */
async function checkCompose(files: string[]): Promise<Record<string, ComposeCheck>> {
  const parts = Math.max(1, Math.min(os.availableParallelism?.() ?? os.cpus().length, 4, Math.ceil(files.length / 200)));
  const chunks = Array.from({ length: parts }, (_, i) => files.filter((_, k) => k % parts === i));
  const outputs = await Promise.all(chunks.map((chunk) => runChecker(chunk)));
  return Object.assign({}, ...outputs) as Record<string, ComposeCheck>;
}

function runChecker(files: string[]): Promise<Record<string, ComposeCheck>> {
  return new Promise((resolve, reject) => {
    const child = spawn(tools.python!, [CHECKER], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`the checker failed (${code}): ${err}`));
      else resolve(JSON.parse(out) as Record<string, ComposeCheck>);
    });
    child.stdin.end(files.join('\n'));
  });
}

function composeDamage(before: ComposeCheck, after: ComposeCheck): string | undefined {
  if (!before.yaml && after.yaml) return `PyYAML: ${after.yaml}`;
  if (!before.compose && after.compose) return `docker-compose: ${after.compose}`;
  const added = after.ports.filter((p) => !before.ports.includes(p));
  if (added.length > 0) return `port not valid in Compose: ${added[0]}`;
  return undefined;
}

interface DockerfileShape {
  keywords: string[];
  /** Per instruction: its arguments are a JSON array. */
  json: boolean[];
  /** Shell-form RUN scripts as dockerfile-ast reads them (Linux images, no heredoc). */
  scripts: string[];
}

function shape(text: string, posix: boolean): DockerfileShape {
  const instructions = DockerfileParser.parse(text).getInstructions();
  const json = instructions.map((i) => {
    const args = i.getArgumentsContent()?.trim() ?? '';
    if (!args.startsWith('[')) return false;
    try {
      return Array.isArray(JSON.parse(args));
    } catch {
      return false;
    }
  });
  const scripts = posix
    ? instructions
        .filter((i, k) => i.getKeyword() === 'RUN' && !json[k] && !/<<-?\s*['"]?\w/.test(i.getArgumentsContent() ?? ''))
        .map((i) => (i.getArgumentsContent() ?? '').replace(/^(?:--\S+\s+)+/, ''))
    : [];
  return { keywords: instructions.map((i) => i.getKeyword()), json, scripts };
}

/** Scripts `bash -n` rejects, checked in one process per call. */
function bashRejects(scripts: string[]): Set<string> {
  const out = new Set<string>();
  for (const s of scripts) {
    const r = spawnSync('bash', ['-n'], { input: `${s}\n`, encoding: 'utf8', timeout: 30_000 });
    if (r.status !== 0) out.add(s);
  }
  return out;
}

function dockerfileDamage(v: Variant, original: string): string | undefined {
  const info = parseDockerfile(v.input.file, original).containers[0]?.dockerfile;
  const windows = info?.platform === 'windows';
  const posix = !windows && !/^#\s*escape\s*=\s*`/m.test(original);
  const a = shape(original, posix);
  const b = shape(v.text, posix);
  // Only root-user's fix adds an instruction (a USER); the others change instructions in place.
  const inserted = v.rules.filter((r) => r === 'root-user').length;
  const users = (k: string[]) => k.filter((x) => x === 'USER').length;
  const others = (k: string[]) => k.filter((x) => x !== 'USER').join(' ');
  if (others(b.keywords) !== others(a.keywords) || users(b.keywords) !== users(a.keywords) + inserted) {
    return `instructions ${a.keywords.join(' ')} -> ${b.keywords.join(' ')}`;
  }
  // JSON forms: every exec form stays a JSON array.
  const jsonBefore = a.json.filter(Boolean).length;
  const jsonAfter = b.json.filter(Boolean).length;
  if (jsonAfter < jsonBefore) return 'an exec form is no longer a JSON array';
  if (windows && /^\s*USER\s+10001\s*$/im.test(v.text) && !/^\s*USER\s+10001\s*$/im.test(original)) return 'USER 10001 on a Windows image';
  if (tools.bash) {
    const changed = b.scripts.filter((s) => !a.scripts.includes(s));
    if (changed.length > 0) {
      const gone = a.scripts.filter((s) => !b.scripts.includes(s));
      const rejectedBefore = bashRejects(gone);
      const rejectedAfter = bashRejects(changed);
      if (rejectedAfter.size > rejectedBefore.size) return `bash -n rejects: ${[...rejectedAfter][0].slice(0, 120)}`;
    }
  }
  return undefined;
}

test('every fix, alone and all together, leaves a file independent parsers accept', { skip: SKIP, timeout: 900_000 }, async (t) => {
  if (REQUIRED) {
    assert.ok(tools.python, 'DOCKWARDEN_INDEPENDENT_PARSERS=required but PyYAML (Debian: python3-yaml) is not importable');
    assert.ok(tools.compose, 'DOCKWARDEN_INDEPENDENT_PARSERS=required but docker-compose (1.29, Debian) is not importable');
  }
  if (!tools.compose) t.diagnostic('docker-compose not found (Debian: apt-get install docker-compose): only PyYAML checks Compose results');
  const mirrors = new Mirrors();
  try {
    const started = Date.now();
    const all: { v: Variant; original: string }[] = [];
    for (const input of inputs()) {
      const original = fs.readFileSync(input.file, 'utf8');
      for (const v of variants(input, original)) all.push({ v, original });
    }
    const fixedIn = Date.now() - started;
    const compose = all.filter((x) => x.v.input.kind === 'compose');
    for (const x of compose) x.v.path = mirrors.write(x.v);
    const originals = await checkCompose([...new Set(compose.map((x) => x.v.input.file))]);
    // docker-compose's loader only where it accepts the original (the other results: PyYAML and the ports).
    const results = {
      ...originals,
      ...(await checkCompose(compose.map((x) => (originals[x.v.input.file].compose === null ? x.v.path! : `-${x.v.path!}`)))),
    };
    const checkedIn = Date.now() - started - fixedIn;
    const damaged: string[] = [];
    let composeChecked = 0;
    for (const { v } of compose) {
      const before = results[v.input.file];
      const after = results[v.path!];
      if (!before.compose) composeChecked++;
      const problem = composeDamage(before, after);
      if (problem) damaged.push(`${path.relative(REPO, v.input.file)} ${v.label}: ${problem}`);
    }
    const dockerfiles = all.filter((x) => x.v.input.kind === 'dockerfile');
    for (const { v, original } of dockerfiles) {
      const problem = dockerfileDamage(v, original);
      if (problem) damaged.push(`${path.relative(REPO, v.input.file)} ${v.label}: ${problem}`);
    }
    const files = new Set(all.map((x) => x.v.input.file)).size;
    t.diagnostic(
      `${all.length} fixed versions of ${files} files: ${compose.length} Compose (${composeChecked} of them checked by docker-compose too), ` +
        `${dockerfiles.length} Dockerfiles; damaged ${damaged.length} (fixing ${fixedIn} ms, Compose checks ${checkedIn} ms)`,
    );
    assert.ok(all.length > 20, 'the fixtures alone offer fixes');
    assert.deepEqual(damaged.slice(0, 30), []);
  } finally {
    mirrors.remove();
  }
});

test(
  'the checks catch damage (a fix that glued text to a variable, a broken JSON form, USER 10001 on Windows)',
  { skip: SKIP },
  async () => {
    assert.ok(tools.python, 'PyYAML is required here');
    const mirrors = new Mirrors();
    try {
      const dir = path.join(FIXTURES, 'fix-safety');
      const input: Input = { file: path.join(dir, 'compose-styles.yml'), kind: 'compose' };
      const original = fs.readFileSync(input.file, 'utf8');
      const broken: Variant[] = [
        { input, label: 'glued', rules: [], text: original.replace("'8080:80'", "'127.0.0.1::8080:80'") },
        { input, label: 'bad yaml', rules: [], text: original.replace('  flow: {', '  flow: {{') },
      ];
      const paths = broken.map((v) => mirrors.write(v));
      const results = await checkCompose([input.file, ...paths]);
      assert.match(composeDamage(results[input.file], results[paths[0]]) ?? '', /port not valid|docker-compose/);
      assert.match(composeDamage(results[input.file], results[paths[1]]) ?? '', /PyYAML/);
      const df: Input = { file: path.join(dir, 'exec-forms.Dockerfile'), kind: 'dockerfile' };
      const dfText = fs.readFileSync(df.file, 'utf8');
      const bad = {
        input: df,
        label: 'json',
        rules: ['tls-verification-disabled'],
        text: dfText.replace('"wget", "--no-check-certificate",', '"wget",,'),
      };
      assert.match(dockerfileDamage(bad, dfText) ?? '', /JSON/);
      const win: Input = { file: path.join(dir, 'windows.Dockerfile'), kind: 'dockerfile' };
      const winText = fs.readFileSync(win.file, 'utf8');
      const user = { input: win, label: 'user', rules: ['root-user'], text: winText.replace('CMD [', 'USER 10001\nCMD [') };
      assert.match(dockerfileDamage(user, winText) ?? '', /Windows/);
    } finally {
      mirrors.remove();
    }
  },
);
