import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lintParsed } from '../../shared-rules/src/engine';
import type { Finding } from '../../shared-rules/src/rule';
import { parseCommandLineFile } from '../../server/src/docker-run';
import { applyEdits } from '../helpers/edits';

/** What the core will do: the front end's ParsedFile, then the engine (every rule at its catalogue severity). */
export function lint(file: string, text: string, options: { markdown?: boolean } = {}): Finding[] {
  const parsed = parseCommandLineFile(file, text, options);
  if (!parsed) throw new Error(`no source reads ${file}`);
  return lintParsed([parsed]);
}

export function rules(findings: Finding[]): string[] {
  return findings.map((f) => f.rule);
}

/** Findings of one rule. */
export function of(findings: Finding[], rule: string): Finding[] {
  return findings.filter((f) => f.rule === rule);
}

export function sh(text: string): Finding[] {
  return lint('/w/deploy.sh', text);
}

export function fix(text: string, f: Finding, file = '/w/deploy.sh'): string {
  if (!f.fix) throw new Error(`${f.rule} has no fix`);
  return applyEdits(text, f.fix.edits, file);
}

let bashChecked: boolean | undefined;

/** `bash -n` on the text: true when bash accepts its syntax; undefined when bash is not installed. */
export function bashAccepts(text: string): boolean | undefined {
  if (bashChecked === undefined) {
    try {
      execFileSync('bash', ['-c', 'true']);
      bashChecked = true;
    } catch {
      bashChecked = false;
    }
  }
  if (!bashChecked) return undefined;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dw-bash-')), 'x.sh');
  fs.writeFileSync(file, text);
  try {
    execFileSync('bash', ['-n', file], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}
