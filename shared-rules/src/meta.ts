import type { Severity } from './rule';

/** Findings the engine itself produces (not rules over containers); listed for docs, SARIF and settings. */
export interface EngineRuleMeta {
  id: string;
  title: string;
  defaultSeverity: Severity;
  /** English message templates by id, for problems that carry a `messageId` (translated in l10n/ja.ts). */
  messages?: Record<string, string>;
}

export const engineRules: readonly EngineRuleMeta[] = [
  { id: 'parse-error', title: 'The file cannot be parsed', defaultSeverity: 'error' },
  { id: 'file-too-large', title: 'The file is larger than the configured limit', defaultSeverity: 'warning' },
  { id: 'internal-error', title: 'A rule failed on this file', defaultSeverity: 'error' },
  { id: 'unused-suppression', title: 'A suppression comment matches no finding', defaultSeverity: 'hint' },
  {
    id: 'analysis-limit',
    title: 'A limit stopped the analysis of part of the file',
    defaultSeverity: 'warning',
    messages: {
      runTooLong: 'This RUN script is {size} KB long, more than the {max} KB Dockwarden analyses: its commands were not checked',
      runBudget:
        "This RUN script is {size} KB long and the file's RUN scripts exceed the {max} KB Dockwarden analyses per file: its commands were not checked",
      runTooDeep: 'This RUN script nests commands more than {max} levels deep: its commands were not checked',
      expansionTooLong:
        'Expanding {name} gives more than {max} characters (an expansion bomb?): its value is treated as unknown, so it and what uses it are not checked',
      dotenvLimit:
        'Variable expansion in {file} exceeds the limit Dockwarden analyses (an expansion bomb?): the variables it affects are treated as unknown and not checked',
      expansionBudget:
        'Variable expansion in this file produces more than {max} characters in all: this value and later ones built from variables are treated as unknown and not checked',
    },
  },
];

/** Findings about a file itself rather than a setting (no suppression comment applies to them). */
export const fileProblemIds: readonly string[] = ['parse-error', 'internal-error', 'file-too-large'];
