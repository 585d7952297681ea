import type { ParseError } from 'jsonc-parser';
import { parseTree } from 'jsonc-parser';
import type { Finding } from '../../shared-rules/src/rule';
import type { Profile } from '../../server/src/analysis';
import { commentsOf } from '../../server/src/devcontainer/jsonc';
import { applyEdits } from '../helpers/edits';
import { lintProject, lintText } from '../helpers/lint';

export const DC = '/w/.devcontainer/devcontainer.json';

/** The project's other files, in memory. */
export function filesOf(files: Record<string, string>): { readText(f: string): string | undefined } {
  return { readText: (f) => files[f] };
}

/** A devcontainer.json's own findings, through the analysis core (strict profile unless asked otherwise). */
export function dc(text: string, files: Record<string, string> = {}, profile?: Profile, file = DC): Finding[] {
  return lintText({ file, text, files: filesOf({ ...files, [file]: text }), options: { profile } }).findings;
}

/** Every finding of the devcontainer's project, in whichever file it is written. */
export function project(text: string, files: Record<string, string> = {}, file = DC): Finding[] {
  return lintProject({ file, text, files: filesOf({ ...files, [file]: text }) });
}

export function of(findings: Finding[], rule: string): Finding[] {
  return findings.filter((f) => f.rule === rule);
}

/** The text at a finding's start line. */
export function lineOf(text: string, f: Finding): string {
  return text.split(/\r\n|\n|\r/)[f.at.range.start.line];
}

/** The text a finding's range covers. */
export function textAt(text: string, f: Finding): string {
  const lines = text.split(/\r?\n/);
  const { start, end } = f.at.range;
  if (start.line === end.line) return lines[start.line].slice(start.character, end.character);
  return [lines[start.line].slice(start.character), ...lines.slice(start.line + 1, end.line), lines[end.line].slice(0, end.character)].join(
    '\n',
  );
}

export function fix(text: string, f: Finding, file = DC): string {
  if (!f.fix) throw new Error(`${f.rule} has no fix`);
  return applyEdits(text, f.fix.edits, file);
}

/** Parse errors of a JSONC text (comments allowed; trailing commas only when `trailing`). */
export function jsoncErrors(text: string, trailing = true): ParseError[] {
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: trailing, disallowComments: false, allowEmptyContent: true });
  return errors;
}

export { commentsOf };
