/**
 * Fix safety over the real-world corpus: every offered quick fix, one at a time and all at once, leaves a file
 * that parses, keeps its comments, loses the finding, changes nothing but the setting the fix is about, and
 * brings no finding the fix does not document.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { parseDocument } from 'yaml';
import { DockerfileParser } from 'dockerfile-ast';
import { lintText } from '../helpers/lint';
import type { Finding } from '../../shared-rules/src/rule';
import type { TextEdit } from '../../shared-rules/src/model';
import { applyEdits } from '../helpers/edits';
import { corpusFiles, CORPUS_SKIP, type CorpusFile } from '../helpers/corpus';

/** The Compose keys each fix may change (anywhere in the service or an anchor it merges). */
const COMPOSE_KEYS: Record<string, string[]> = {
  'docker-socket-mount': ['volumes'],
  'sensitive-host-mount': ['volumes'],
  'port-all-interfaces': ['ports'],
  'network-none-suggested': ['network_mode'],
  'host-userns': ['userns_mode'],
  privileged: ['privileged'],
  'cap-drop-missing': ['cap_drop'],
  'no-new-privileges-missing': ['security_opt'],
  'seccomp-disabled': ['security_opt'],
  'apparmor-disabled': ['security_opt'],
  'selinux-disabled': ['security_opt'],
  'read-only-rootfs-missing': ['read_only'],
  'pids-limit-missing': ['pids_limit', 'pids'],
  'memory-limit-missing': ['mem_limit'],
  'cpu-limit-missing': ['cpus'],
};

/** Findings a fix may legitimately leave or bring: a writable sensitive mount made read-only stays a warning. */
const DOCUMENTED_AFTER: Record<string, string[]> = {
  'sensitive-host-mount': ['sensitive-host-mount:warning'],
};

interface Tally {
  tried: number;
  clean: number;
  failed: string[];
}

function lint(file: CorpusFile, text: string): Finding[] {
  return lintText({ file: file.file, text, kind: file.kind }).findings;
}

function parses(kind: CorpusFile['kind'], text: string): boolean {
  if (kind === 'dockerfile') {
    DockerfileParser.parse(text);
    return true;
  }
  return parseDocument(text, { uniqueKeys: false }).errors.length === 0;
}

function fullLineComments(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.startsWith('#'))
    .sort();
}

/** Full-line comments outside the lines an edit replaces: those must survive (a removed block takes its own). */
function commentsOutsideEdits(text: string, edits: readonly TextEdit[]): string[] {
  const touched = (line: number) => edits.some((e) => line >= e.range.start.line && line <= e.range.end.line);
  return text
    .split(/\r?\n/)
    .flatMap((l, i) => (l.trim().startsWith('#') && !touched(i) ? [l.trim()] : []))
    .sort();
}

function lostComments(before: string, after: string, edits: readonly TextEdit[]): string[] {
  const remaining = fullLineComments(after);
  return commentsOutsideEdits(before, edits).filter((c) => {
    const i = remaining.indexOf(c);
    if (i < 0) return true;
    remaining.splice(i, 1);
    return false;
  });
}

function normalizedCompose(text: string): unknown {
  return parseDocument(text, { uniqueKeys: false, merge: true }).toJS({ maxAliasCount: -1 });
}

/** Paths (as key lists) where two plain JSON-like values differ. */
function diffPaths(a: unknown, b: unknown, at: string[] = [], out: string[][] = []): string[][] {
  if (a === b) return out;
  // A service written as `web:` (null) that gains a key compares as an empty mapping.
  if (a === null && b && typeof b === 'object') a = {};
  if (b === null && a && typeof a === 'object') b = {};
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a as object), ...Object.keys(b as object)]);
    for (const k of keys) diffPaths((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], [...at, k], out);
    return out;
  }
  out.push(at);
  return out;
}

function counts(findings: Finding[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) m.set(`${f.rule}:${f.severity}`, (m.get(`${f.rule}:${f.severity}`) ?? 0) + 1);
  return m;
}

/** Why `after` is not a clean result of fixing `finding` in `before`; undefined when it is. */
function problemWithFix(file: CorpusFile, before: string, after: string, finding: Finding, rulesBefore: Finding[]): string | undefined {
  if (!parses(file.kind, after)) return 'result does not parse';
  const lost = lostComments(before, after, finding.fix!.edits);
  if (lost.length) return `comment lost: ${lost[0]}`;
  const afterFindings = lint(file, after);
  const b = counts(rulesBefore);
  const a = counts(afterFindings);
  const key = `${finding.rule}:${finding.severity}`;
  if ((a.get(key) ?? 0) >= (b.get(key) ?? 0)) return 'finding not gone';
  for (const [k, n] of a) {
    if (k === key) continue;
    if (n > (b.get(k) ?? 0) && !(DOCUMENTED_AFTER[finding.rule] ?? []).includes(k)) return `new finding ${k}`;
  }
  if (file.kind === 'compose') {
    const allowed = COMPOSE_KEYS[finding.rule] ?? [];
    const bad = diffPaths(normalizedCompose(before), normalizedCompose(after)).find((p) => !p.some((seg) => allowed.includes(seg)));
    if (bad) return `configuration changed at ${bad.join('.')}`;
  }
  return undefined;
}

function fixable(findings: Finding[], file: string): Finding[] {
  return findings.filter((f) => f.fix && f.fix.edits.length > 0 && f.fix.edits.every((e) => e.file === file));
}

test('every quick fix over the real-world corpus, one at a time, is clean', { skip: CORPUS_SKIP, timeout: 600_000 }, () => {
  const tally: Tally = { tried: 0, clean: 0, failed: [] };
  for (const file of corpusFiles()) {
    const text = fs.readFileSync(file.file, 'utf8');
    const findings = lint(file, text);
    for (const f of fixable(findings, file.file)) {
      tally.tried++;
      let problem: string | undefined;
      try {
        problem = problemWithFix(file, text, applyEdits(text, f.fix!.edits, file.file), f, findings);
      } catch (e) {
        problem = `threw ${(e as Error).message}`;
      }
      if (problem) tally.failed.push(`${file.file}:${f.at.range.start.line + 1} ${f.rule}: ${problem}`);
      else tally.clean++;
    }
  }
  console.log(`quick fixes tried ${tally.tried}, clean ${tally.clean}, failed ${tally.failed.length}`);
  assert.ok(tally.tried > 100, 'the corpus offers many fixes');
  assert.deepEqual(tally.failed.slice(0, 20), []);
});

test('fix-all over the real-world corpus converges to a clean file', { skip: CORPUS_SKIP, timeout: 600_000 }, () => {
  let files = 0;
  const failed: string[] = [];
  for (const file of corpusFiles()) {
    const original = fs.readFileSync(file.file, 'utf8');
    let text = original;
    try {
      const bound = fixable(lint(file, text), file.file).length * 3 + 10;
      let passes = 0;
      let problem: string | undefined;
      for (; passes < bound && !problem; passes++) {
        const next = fixable(lint(file, text), file.file)[0];
        if (!next) break;
        const after = applyEdits(text, next.fix!.edits, file.file);
        const lost = lostComments(text, after, next.fix!.edits);
        if (lost.length) problem = `comment lost: ${lost[0]}`;
        text = after;
      }
      if (text === original) continue;
      files++;
      if (problem) failed.push(`${file.file}: ${problem}`);
      else if (passes >= bound) failed.push(`${file.file}: did not converge`);
      else if (!parses(file.kind, text)) failed.push(`${file.file}: does not parse after fix-all`);
    } catch (e) {
      failed.push(`${file.file}: threw ${(e as Error).message}`);
    }
  }
  console.log(`fix-all: files changed ${files}, failed ${failed.length}`);
  assert.ok(files > 50, 'fix-all changed many files');
  assert.deepEqual(failed.slice(0, 20), []);
});
