import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../../../shared-rules/src/rule';
import { sortFindings } from '../../../shared-rules/src/engine';
import { Analysis, toPosix, type ConfigError, type DiscoveredFile } from '../analysis';
import { parseArgs, UsageError, type CliOptions } from './args';
import { formatText, reachesFailOn, writeJson } from './format';
import { analysisOptions, lintFiles, lintReferenced, type LintSetup } from './lint-files';
import { type ParallelOptions } from './parallel';
import { cliTexts, type CliTexts } from './texts';
import type { FileFindings } from './lint-files';
import { checkWriteTarget, Confinement, OutsideWriteError, readRegularFile } from './safe-files';

const MAX_CONFIG_BYTES = 4 * 1024 * 1024;
const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

export interface CliIo {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
  /** Lint many files on worker threads too (the CLI entry sets it; in-process callers lint on their thread). */
  parallel?: ParallelOptions;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** Runs the CLI; returns the exit status. Never throws for bad input. */
export function runCli(argv: readonly string[], io: CliIo): number {
  let opts: CliOptions;
  try {
    opts = parseArgs(argv, io.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const t = cliTexts(parseLocaleLoosely(argv, io.env));
    io.stderr.write(`dockwarden: ${error.message}\n${t.seeHelp}\n`);
    return EXIT_USAGE;
  }
  const t = cliTexts(opts.locale);
  switch (opts.command) {
    case 'help':
      io.stdout.write(`${t.usage}\n`);
      return EXIT_OK;
    case 'version':
      io.stdout.write(`${readVersion()}\n`);
      return EXIT_OK;
    case 'init':
      return runInit(opts, io, t);
    default:
      return runLint(opts, io, t);
  }
}

function parseLocaleLoosely(argv: readonly string[], env: CliIo['env']) {
  try {
    return parseArgs(
      argv.filter((a, i) => a.startsWith('--lang') || argv[i - 1] === '--lang'),
      env,
    ).locale;
  } catch {
    return 'en';
  }
}

function runInit(opts: CliOptions, io: CliIo, t: CliTexts): number {
  const { initConfig } = require('./init') as typeof import('./init');
  const dir = path.resolve(io.cwd, opts.paths[0] ?? '.');
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    io.stderr.write(`dockwarden: ${t.missingPath(opts.paths[0])}\n`);
    return EXIT_USAGE;
  }
  const result = initConfig(dir);
  const shown = toPosix(path.relative(io.cwd, result.file)) || result.file;
  if (!result.ok) {
    io.stderr.write(`dockwarden: ${t.configExists(shown)}\n`);
    return EXIT_USAGE;
  }
  io.stdout.write(`${t.configWritten(shown)}\n`);
  return EXIT_OK;
}

function runLint(opts: CliOptions, io: CliIo, t: CliTexts): number {
  // Files a compose file names (include, extends, env_file, build) are read only inside the working
  // directory and the linted paths, unless --allow-outside; so are --config, --baseline and the files --fix
  // writes, when they are symbolic links (safe-files.ts).
  const roots = opts.allowOutside ? undefined : [io.cwd, ...opts.paths.map((p) => lintRoot(path.resolve(io.cwd, p)))];
  // Made only for --config, --baseline and --fix: it resolves every root's real path, one per folder named.
  let made: Confinement | undefined;
  const confinement = () => (made ??= roots && new Confinement(roots));
  let configText: string | undefined;
  if (opts.config) {
    const read = readRegularFile(path.resolve(io.cwd, opts.config), MAX_CONFIG_BYTES, confinement());
    if (!read.ok) {
      const why = read.reason === 'missing' ? t.missingPath(opts.config) : t.cannotUse(opts.config, t.readFailure(read.reason, read.real));
      io.stderr.write(`dockwarden: ${why}\n${t.seeHelp}\n`);
      return EXIT_USAGE;
    }
    configText = read.text;
  }
  const setup: LintSetup = {
    locale: opts.locale,
    processEnv: io.env,
    roots,
    // Globs of a config named with --config (a shared file) are relative to the working directory.
    configPath: opts.config && path.resolve(io.cwd, opts.config),
    cwd: io.cwd,
    overrides: opts.profile || opts.markdown ? { profile: opts.profile, markdown: opts.markdown || undefined } : undefined,
  };
  const analysis = new Analysis(analysisOptions(setup, configText));
  const explicit = analysis.explicitConfig();

  const discovery = analysis.discover(opts.paths, io.cwd, { listSkipped: opts.verbose, overrides: setup.overrides });
  if (discovery.missing.length > 0) {
    for (const p of discovery.missing) io.stderr.write(`dockwarden: ${t.missingPath(p)}\n`);
    io.stderr.write(`${t.seeHelp}\n`);
    return EXIT_USAGE;
  }
  const configErrors = [...explicit.errors, ...discovery.configErrors];
  if (configErrors.length > 0) {
    for (const e of dedupeErrors(configErrors)) io.stderr.write(`${configErrorLine(e, io.cwd)}\n`);
    return EXIT_USAGE;
  }
  const files = discovery.files;
  // Named files that are not a kind Dockwarden lints, and with --verbose those a folder walk passed over.
  for (const s of discovery.skipped) io.stderr.write(`${t.skipped(s)}\n`);
  // A mistyped path in CI must not go green: finding nothing to lint is an error unless accepted.
  if (files.length === 0 && !opts.allowEmpty) {
    io.stderr.write(`dockwarden: ${t.nothingToLint(opts.paths.join(' '))}\n`);
    return EXIT_USAGE;
  }
  const shown = displayNames(files, io.cwd);

  if (opts.fix) {
    const done = applyFixes(opts, io, t, files, analysis, shown, confinement());
    if (done !== undefined) return done;
  }

  const perFile = lintFiles(files, analysis, setup, io.parallel);
  lintReferenced(files, perFile, analysis, setup, shown.file);
  let findings = sortFindings(withProjectFindings(perFile, files).map((f) => shown.finding(f)));
  const textOf = (file: string) => analysis.textOf(path.resolve(io.cwd, file));

  if (opts.baseline) {
    const kept = applyBaseline(opts, io, t, findings, textOf, confinement());
    if (typeof kept === 'number') return kept;
    findings = kept;
  }
  writeReport(opts, io, t, files, findings, textOf);
  return findings.some((f) => reachesFailOn(f, opts.failOn)) ? EXIT_FINDINGS : EXIT_OK;
}

/** `--baseline`: the findings it does not record, or, with `--update-baseline` or on an error, the exit status. */
function applyBaseline(
  opts: CliOptions,
  io: CliIo,
  t: CliTexts,
  findings: Finding[],
  textOf: (f: string) => string | undefined,
  confinement: Confinement | undefined,
): Finding[] | number {
  const baseline = require('./baseline') as typeof import('./baseline');
  const entries = baseline.baselineEntries(findings, opts.baseline!, io.cwd, textOf);
  const baselineFile = path.resolve(io.cwd, opts.baseline!);
  if (opts.updateBaseline) {
    try {
      checkWriteTarget(baselineFile, confinement);
      baseline.writeBaseline(baselineFile, entries);
    } catch (error) {
      io.stderr.write(`dockwarden: ${t.writeFailed(opts.baseline!, writeReason(error, t))}\n`);
      return EXIT_USAGE;
    }
    io.stderr.write(`${t.baselineWritten(opts.baseline!, entries.length)}\n`);
    return EXIT_OK;
  }
  // Never quote the file: a baseline option pointing at another file must not print its content.
  const read = readRegularFile(baselineFile, MAX_BASELINE_BYTES, confinement);
  if (!read.ok) {
    io.stderr.write(`dockwarden: ${t.baselineUnreadable(opts.baseline!, t.readFailure(read.reason, read.real))}\n`);
    return EXIT_USAGE;
  }
  const parsed = baseline.parseBaseline(read.text);
  if (!parsed.ok) {
    io.stderr.write(`dockwarden: ${t.baselineUnreadable(opts.baseline!, parsed.error === 'json' ? t.notJson : t.notBaseline)}\n`);
    return EXIT_USAGE;
  }
  return baseline.filterBaseline(findings, entries, parsed.baseline.findings);
}

/** The findings in the chosen format on stdout. */
function writeReport(
  opts: CliOptions,
  io: CliIo,
  t: CliTexts,
  files: readonly DiscoveredFile[],
  findings: Finding[],
  textOf: (f: string) => string | undefined,
): void {
  if (opts.format === 'json') {
    writeJson(
      io.stdout,
      files.map((f) => f.display),
      findings,
    );
  } else if (opts.format === 'sarif') {
    const { writeSarif } = require('./sarif') as typeof import('./sarif');
    writeSarif(io.stdout, findings, { version: readVersion(), cwd: io.cwd, locale: opts.locale, textOf });
  } else {
    const pretty = Boolean(io.stdout.isTTY);
    io.stdout.write(formatText(findings, { pretty, color: pretty && opts.color, texts: t, fileCount: files.length }));
  }
}

/**
 * Every linted file's findings, and those of its project written in a file that is not linted itself (the file a
 * service extends, when only the compose file was named): each once.
 */
function withProjectFindings(perFile: readonly FileFindings[], files: readonly DiscoveredFile[]): Finding[] {
  const linted = new Set(files.map((f) => f.path));
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const lint of perFile) {
    for (const f of lint.findings) out.push(f);
    for (const f of lint.elsewhere) {
      if (linted.has(f.at.file)) continue;
      const r = f.at.range;
      const key = `${f.rule}\u0000${f.at.file}\u0000${r.start.line}:${r.start.character}:${r.end.line}:${r.end.character}\u0000${f.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(f);
    }
  }
  return out;
}

/** `--fix`: fixes in memory, then writes (or prints a diff with --dry-run). Returns an exit status to stop with. */
function applyFixes(
  opts: CliOptions,
  io: CliIo,
  t: CliTexts,
  files: DiscoveredFile[],
  analysis: Analysis,
  shown: DisplayNames,
  confinement: Confinement | undefined,
): number | undefined {
  const outcome = analysis.fix(
    files.map((f) => f.path),
    { unsafe: opts.unsafeFixes, keep: true },
  );
  // Fix notes go to stderr when stdout carries JSON or SARIF.
  const notes = opts.format === 'text' && !opts.dryRun ? io.stdout : io.stderr;
  for (const a of outcome.applied) notes.write(`${(opts.dryRun ? t.wouldFix : t.fixed)(shown.file(a.file), a.rule, a.title)}\n`);
  if (outcome.applied.length === 0) notes.write(`${t.noFixes}\n`);
  if (outcome.unsafeLeft > 0) notes.write(`${t.unsafeLeft(outcome.unsafeLeft)}\n`);
  if (opts.dryRun) {
    const { unifiedDiff } = require('./diff') as typeof import('./diff');
    for (const [file, change] of outcome.changed) {
      const name = shown.file(file);
      io.stdout.write(unifiedDiff(`a/${name}`, `b/${name}`, change.before, change.after));
    }
    return EXIT_OK;
  }
  const { writeFileAtomic } = require('./write') as typeof import('./write');
  // No file is written through a symbolic link out of the linted folders (a compose.yaml -> ~/.bashrc): such
  // files are refused before anything is written, the others are written.
  let failed = false;
  // Files the analysis would not let a fix touch: outside the linted folders once symbolic links are resolved.
  for (const file of outcome.refused) {
    io.stderr.write(`dockwarden: ${t.writeFailed(shown.file(file), t.readFailure('outside', realPathOf(file)))}\n`);
    failed = true;
  }
  const writable: string[] = [];
  for (const file of outcome.changed.keys()) {
    try {
      checkWriteTarget(file, confinement);
      writable.push(file);
    } catch (error) {
      io.stderr.write(`dockwarden: ${t.writeFailed(shown.file(file), writeReason(error, t))}\n`);
      failed = true;
    }
  }
  for (const file of writable) {
    try {
      writeFileAtomic(file, analysis.encode(file, outcome.changed.get(file)!.after));
    } catch (error) {
      io.stderr.write(`dockwarden: ${t.writeFailed(shown.file(file), writeReason(error, t))}\n`);
      return EXIT_USAGE;
    }
  }
  return failed ? EXIT_USAGE : undefined;
}

function writeReason(error: unknown, t: CliTexts): string {
  return error instanceof OutsideWriteError ? t.readFailure('outside', error.real) : reason(error);
}

/** How the CLI names files: as the user gave them (relative to the working directory unless given absolute). */
interface DisplayNames {
  file(abs: string): string;
  finding(f: Finding): Finding;
}

function displayNames(files: readonly DiscoveredFile[], cwd: string): DisplayNames {
  const given = new Map(files.map((f) => [f.path, f.display]));
  const file = (abs: string): string => {
    const known = given.get(abs);
    if (known !== undefined) return known;
    const rel = path.relative(cwd, abs);
    return rel.startsWith('..') || path.isAbsolute(rel) ? toPosix(abs) : toPosix(rel);
  };
  const source = <T extends { file: string }>(s: T): T => ({ ...s, file: file(s.file) });
  return {
    file,
    finding: (f) => ({
      ...f,
      at: source(f.at),
      ...(f.fix ? { fix: { ...f.fix, edits: f.fix.edits.map(source) } } : {}),
      ...(f.related ? { related: f.related.map((r) => ({ ...r, source: source(r.source) })) } : {}),
    }),
  };
}

function dedupeErrors(errors: ConfigError[]): ConfigError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.file}:${e.line}:${e.character}:${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function configErrorLine(e: ConfigError, cwd: string): string {
  const rel = path.relative(cwd, e.file);
  const shown = rel.startsWith('..') || path.isAbsolute(rel) ? e.file : toPosix(rel);
  return `${shown}:${e.line + 1}:${e.character + 1} error config-error ${e.message}`;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

let cachedVersion: string | undefined;

/** The package version, from the nearest package.json named dockwarden (works from out/ and dist/). */
export function readVersion(): string {
  if (cachedVersion) return cachedVersion;
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'dockwarden' && pkg.version) return (cachedVersion = pkg.version);
    } catch {
      // keep looking
    }
    dir = path.dirname(dir);
  }
  return (cachedVersion = '0.0.0');
}

/** A linted path's folder: the path itself for a folder, its parent for a file. */
function lintRoot(p: string): string {
  try {
    return fs.statSync(p).isDirectory() ? p : path.dirname(p);
  } catch {
    return path.dirname(p);
  }
}

function realPathOf(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}
