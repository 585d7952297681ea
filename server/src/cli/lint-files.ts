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
export type FileFindings = Pick<ReturnType<Analysis['lint']>, 'findings' | 'elsewhere'>;

export function analysisOptions(setup: LintSetup): AnalysisOptions {
  const config = setup.configPath ? { file: setup.configPath, base: setup.cwd } : undefined;
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

/** How the CLI lints a discovered file (on the main thread and on workers alike). */
export function linterOf(analysis: Analysis, setup: LintSetup): (file: DiscoveredFile) => FileFindings {
  return (f) => {
    const { findings, elsewhere } = analysis.lint(f.path, { kind: f.kind, explicit: true, overrides: setup.overrides });
    return { findings, elsewhere };
  };
}
