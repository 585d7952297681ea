import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../../../shared-rules/src/rule';
import { sortFindings } from '../../../shared-rules/src/engine';
import { pushAll } from '../../../shared-rules/src/bounds';
import { parseConfig, type ConfigError, type LoadedConfig } from '../config';
import { discoverFiles, toPosix, type DiscoveredFile } from '../discover';
import { parseArgs, UsageError, type CliOptions } from './args';
import { formatText, reachesFailOn, writeJson } from './format';
import { lintOne, TextStore, type LintContext } from './lint-files';
import { lintInParallel, type ParallelOptions } from './parallel';
import { cliTexts, type CliTexts } from './texts';
import { checkWriteTarget, Confinement, OutsideWriteError, readRegularFile } from './safe-files';

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
  let result;
  try {
    result = initConfig(dir);
  } catch (error) {
    // `wx` refuses whatever is at the name, a dangling symbolic link included: nothing is written through it.
    io.stderr.write(`dockwarden: ${t.writeFailed(path.join(opts.paths[0] ?? '.', '.dockwarden.yaml'), reason(error))}\n`);
    return EXIT_USAGE;
  }
  const shown = toPosix(path.relative(io.cwd, result.file)) || result.file;
  if (!result.ok) {
    io.stderr.write(`dockwarden: ${t.configExists(shown)}\n`);
    return EXIT_FINDINGS;
  }
  io.stdout.write(`${t.configWritten(shown)}\n`);
  return EXIT_OK;
}

/** A config or baseline larger than this is refused (real ones are kilobytes). */
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;
const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

function runLint(opts: CliOptions, io: CliIo, t: CliTexts): number {
  const store = new TextStore(io.cwd);
  // Files a compose file names (include, extends, env_file, build) are read only inside the working
  // directory and the linted paths, unless --allow-outside; so are --config, --baseline and the files --fix
  // writes, when they are symbolic links (safe-files.ts).
  const roots = opts.allowOutside ? undefined : [io.cwd, ...opts.paths.map((p) => lintRoot(path.resolve(io.cwd, p)))];
  const confinement = roots && new Confinement(roots);

  let explicitConfig: LoadedConfig | undefined;
  if (opts.config) {
    const abs = path.resolve(io.cwd, opts.config);
    const read = readRegularFile(abs, MAX_CONFIG_BYTES, confinement);
    if (!read.ok) {
      io.stderr.write(
        `dockwarden: ${read.reason === 'missing' ? t.missingPath(opts.config) : t.cannotUse(opts.config, t.readFailure(read.reason, read.real))}\n${t.seeHelp}\n`,
      );
      return EXIT_USAGE;
    }
    explicitConfig = parseConfig(abs, read.text);
  }

  const discovery = discoverFiles(opts.paths, {
    cwd: io.cwd,
    files: store,
    config: explicitConfig,
    references: { roots, processEnv: io.env },
  });
  if (discovery.missing.length > 0) {
    for (const p of discovery.missing) io.stderr.write(`dockwarden: ${t.missingPath(p)}\n`);
    io.stderr.write(`${t.seeHelp}\n`);
    return EXIT_USAGE;
  }
  const configErrors = [...(explicitConfig?.errors ?? []), ...discovery.configErrors];
  if (configErrors.length > 0) {
    for (const e of dedupeErrors(configErrors)) io.stderr.write(`${configErrorLine(e, io.cwd)}\n`);
    return EXIT_USAGE;
  }

  const ctx: LintContext = { store, locale: opts.locale, processEnv: io.env, roots };
  const files = discovery.files;

  if (opts.fix) {
    const done = applyFixes(opts, io, t, files, ctx, confinement);
    if (done !== undefined) return done;
  }

  let findings: Finding[] = [];
  const perFile = io.parallel ? lintInParallel(files, ctx, io.cwd, io.parallel) : undefined;
  // Appended item by item: a spread of one file's findings (140,000 for 20,000 services) overflows the stack.
  if (perFile) for (const list of perFile) pushAll(findings, list);
  else for (const file of files) pushAll(findings, lintOne(file, ctx));
  findings = sortFindings(findings.map(normalizeFile));
  const textOf = (file: string) => store.readText(file);

  if (opts.baseline) {
    const baseline = require('./baseline') as typeof import('./baseline');
    const entries = baseline.baselineEntries(findings, opts.baseline, io.cwd, textOf);
    const baselineFile = path.resolve(io.cwd, opts.baseline);
    if (opts.updateBaseline) {
      try {
        checkWriteTarget(baselineFile, confinement);
        baseline.writeBaseline(baselineFile, entries);
      } catch (error) {
        io.stderr.write(`dockwarden: ${t.writeFailed(opts.baseline, writeReason(error, t))}\n`);
        return EXIT_USAGE;
      }
      io.stderr.write(`${t.baselineWritten(opts.baseline, entries.length)}\n`);
      return EXIT_OK;
    }
    // Never quote the file: a baseline option pointing at another file must not print its content.
    const read = readRegularFile(baselineFile, MAX_BASELINE_BYTES, confinement);
    if (!read.ok) {
      io.stderr.write(`dockwarden: ${t.baselineUnreadable(opts.baseline, t.readFailure(read.reason, read.real))}\n`);
      return EXIT_USAGE;
    }
    const parsed = baseline.parseBaseline(read.text);
    if (!parsed.ok) {
      io.stderr.write(`dockwarden: ${t.baselineUnreadable(opts.baseline, parsed.error === 'json' ? t.notJson : t.notBaseline)}\n`);
      return EXIT_USAGE;
    }
    const known = parsed.baseline.findings;
    findings = baseline.filterBaseline(findings, entries, known);
  }

  const shownFiles = files.map((f) => f.display);
  if (opts.format === 'json') {
    writeJson(io.stdout, shownFiles, findings);
  } else if (opts.format === 'sarif') {
    const { writeSarif } = require('./sarif') as typeof import('./sarif');
    writeSarif(io.stdout, findings, { version: readVersion(), cwd: io.cwd, locale: opts.locale, textOf });
  } else {
    const pretty = Boolean(io.stdout.isTTY);
    io.stdout.write(formatText(findings, { pretty, color: pretty && opts.color, texts: t, fileCount: files.length }));
  }
  return findings.some((f) => reachesFailOn(f, opts.failOn)) ? EXIT_FINDINGS : EXIT_OK;
}

/** `--fix`: fixes in memory, then writes (or prints a diff with --dry-run). Returns an exit status to stop with. */
function applyFixes(
  opts: CliOptions,
  io: CliIo,
  t: CliTexts,
  files: DiscoveredFile[],
  ctx: LintContext,
  confinement: Confinement | undefined,
): number | undefined {
  const { fixFiles } = require('./fix') as typeof import('./fix');
  const outcome = fixFiles(files, ctx, io.cwd);
  // Fix notes go to stderr when stdout carries JSON or SARIF.
  const notes = opts.format === 'text' && !opts.dryRun ? io.stdout : io.stderr;
  for (const a of outcome.applied) notes.write(`${(opts.dryRun ? t.wouldFix : t.fixed)(toPosix(a.file), a.rule, a.title)}\n`);
  if (outcome.applied.length === 0) notes.write(`${t.noFixes}\n`);
  if (opts.dryRun) {
    const { unifiedDiff } = require('./diff') as typeof import('./diff');
    for (const [file, change] of outcome.changed) {
      const shown = toPosix(file);
      io.stdout.write(unifiedDiff(`a/${shown}`, `b/${shown}`, change.before, change.after));
    }
    return EXIT_OK;
  }
  const { writeFileAtomic } = require('./write') as typeof import('./write');
  // No file is written through a symbolic link out of the linted folders (a compose.yaml -> ~/.bashrc): such
  // files are refused before anything is written, the others are written.
  let failed = false;
  const writable: Array<[string, { abs: string; after: string }]> = [];
  for (const [file, change] of outcome.changed) {
    try {
      checkWriteTarget(change.abs, confinement);
      writable.push([file, change]);
    } catch (error) {
      io.stderr.write(`dockwarden: ${t.writeFailed(file, writeReason(error, t))}\n`);
      failed = true;
    }
  }
  for (const [file, change] of writable) {
    try {
      writeFileAtomic(change.abs, change.after);
    } catch (error) {
      io.stderr.write(`dockwarden: ${t.writeFailed(file, writeReason(error, t))}\n`);
      return EXIT_USAGE;
    }
  }
  return failed ? EXIT_USAGE : undefined;
}

function writeReason(error: unknown, t: CliTexts): string {
  return error instanceof OutsideWriteError ? t.readFailure('outside', error.real) : reason(error);
}

function normalizeFile(f: Finding): Finding {
  return path.sep === '/' ? f : { ...f, at: { ...f.at, file: toPosix(f.at.file) } };
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
