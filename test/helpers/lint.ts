import type { Locale } from '../../shared-rules/src/l10n';
import { sortFindings } from '../../shared-rules/src/engine';
import type { RuleSettings } from '../../shared-rules/src/rule';
import { Analysis, textBytes, type FileLint, type Profile } from '../../server/src/analysis';
import type { FileAccess } from '../../server/src/fs';

export interface LintTextRequest {
  file: string;
  text: string;
  kind?: string;
  /** The project's other files: in memory, or `'disk'`; none: the file alone. */
  files?: FileAccess | 'disk';
  roots?: string[];
  processEnv?: Readonly<Record<string, string | undefined>>;
  options?: { locale?: Locale; settings?: RuleSettings; profile?: Profile; maxFileSizeKb?: number };
}

const NOTHING: FileAccess = { readText: () => undefined };

/**
 * Lints one text through a fresh analysis core (no cache survives the call). Rule tests see every rule: the
 * profile is `strict` unless a test asks for another.
 */
export function lintText(req: LintTextRequest): FileLint {
  const analysis = analysisFor(req);
  return analysis.lint(req.file, {
    text: req.text,
    kind: req.kind,
    explicit: true,
    overrides: {
      profile: req.options?.profile ?? 'strict',
      trustedRegistries: req.options?.settings?.trustedRegistries,
      maxFileSizeKb: req.options?.maxFileSizeKb,
    },
  });
}

/** An analysis as `lintText` makes it (for tests that lint several versions with one). */
export function analysisFor(req: Pick<LintTextRequest, 'files' | 'roots' | 'processEnv' | 'options'>): Analysis {
  return new Analysis({
    bytes: req.files === 'disk' ? undefined : textBytes(req.files ?? NOTHING),
    roots: req.roots,
    processEnv: req.processEnv,
    locale: req.options?.locale,
  });
}

/** Every finding of the file's project, in whichever file of it each is written (sorted as the engine sorts). */
export function lintProject(req: LintTextRequest): ReturnType<typeof lintText>['findings'] {
  const r = lintText(req);
  return sortFindings([...r.findings, ...r.elsewhere]);
}
