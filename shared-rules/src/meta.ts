import type { Severity } from './rule';

/** Findings the engine itself produces (not rules over containers); listed for docs, SARIF and settings. */
export interface EngineRuleMeta {
  id: string;
  title: string;
  defaultSeverity: Severity;
}

export const engineRules: readonly EngineRuleMeta[] = [
  { id: 'parse-error', title: 'The file cannot be parsed', defaultSeverity: 'error' },
  { id: 'file-too-large', title: 'The file is larger than the configured limit', defaultSeverity: 'warning' },
  { id: 'internal-error', title: 'A rule failed on this file', defaultSeverity: 'error' },
  { id: 'unused-suppression', title: 'A suppression comment matches no finding', defaultSeverity: 'hint' },
];

/** Findings about a file itself rather than a setting (no suppression comment applies to them). */
export const fileProblemIds: readonly string[] = ['parse-error', 'internal-error', 'file-too-large'];
