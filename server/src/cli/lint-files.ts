import type { Locale } from '../../../shared-rules/src/l10n';
import { type AnalysisOptions, type Analysis, type DiscoveredFile, type ConfigOverrides } from '../analysis';
import { lintInParallel, type ParallelOptions } from './parallel';

/** What a CLI run lints with: enough to make the same analysis again on a worker thread. */
export interface LintSetup {
  locale: Locale;
  processEnv: Readonly<Record<string, string | undefined>>;
  roots?: string[];
  /** `--config`, read again by each worker. */
  configPath?: string;
  cwd: string;
  /** `--profile`. */
  overrides?: ConfigOverrides;
}

/** A linted file's findings: its own, and its project's in files not linted themselves. */
export type FileFindings = Pick<ReturnType<Analysis['lint']>, 'findings' | 'elsewhere' | 'references'>;

/** `configText`: the `--config` file as the CLI read it (workers read it again). */
export function analysisOptions(setup: LintSetup, configText?: string): AnalysisOptions {
  const config = setup.configPath ? { file: setup.configPath, base: setup.cwd, text: configText } : undefined;
  return { locale: setup.locale, processEnv: setup.processEnv, roots: setup.roots, config, keepReads: true };
}

/** Lints each discovered file (on worker threads too when that pays), in file order. */
export function lintFiles(
  files: readonly DiscoveredFile[],
  analysis: Analysis,
  setup: LintSetup,
  parallel?: ParallelOptions,
): FileFindings[] {
  const one = linterOf(analysis, setup);
  return (parallel && lintInParallel(files, setup, parallel, one)) || files.map(one);
}

/** Files found through projects' references and linted too (a chain of `extends` across many files), at most. */
const MAX_REFERENCED = 1000;

/**
 * The files the linted projects read as a kind of source whatever their names (`extends.file: defaults.conf`,
 * `build.dockerfile: build.docker`), not linted yet: linted too, so their own findings are reported (those are
 * where the values are written). Appended to `files` and `perFile`; followed a bounded number of times.
 */
export function lintReferenced(
  files: DiscoveredFile[],
  perFile: FileFindings[],
  analysis: Analysis,
  setup: LintSetup,
  display: (abs: string) => string,
): void {
  const linted = new Set(files.map((f) => f.path));
  const lint = linterOf(analysis, setup);
  const limit = files.length + MAX_REFERENCED;
  for (let i = 0; i < perFile.length && files.length < limit; i++) {
    for (const ref of perFile[i].references ?? []) {
      if (linted.has(ref.file) || files.length >= limit) continue;
      linted.add(ref.file);
      const found: DiscoveredFile = { path: ref.file, display: display(ref.file), kind: ref.kind };
      files.push(found);
      perFile.push(lint(found));
    }
  }
}

/** How the CLI lints a discovered file (on the main thread and on workers alike). */
export function linterOf(analysis: Analysis, setup: LintSetup): (file: DiscoveredFile) => FileFindings {
  return (f) => {
    const { findings, elsewhere, references } = analysis.lint(f.path, { kind: f.kind, explicit: true, overrides: setup.overrides });
    return references ? { findings, elsewhere, references } : { findings, elsewhere };
  };
}
