import * as path from 'node:path';
import type { Finding } from '../../../shared-rules/src/rule';
import { fingerprints } from './fingerprint';
import { writeFileAtomic } from './write';

/** A recorded finding: matched by rule, file (relative to the baseline) and fingerprint — never by line. */
export interface BaselineEntry {
  file: string;
  rule: string;
  fingerprint: string;
}

export interface Baseline {
  version: 1;
  findings: BaselineEntry[];
}

export function baselineEntries(
  findings: readonly Finding[],
  baselineFile: string,
  cwd: string,
  textOf: (f: string) => string | undefined,
): BaselineEntry[] {
  const base = path.dirname(path.resolve(cwd, baselineFile));
  const key = (file: string) => path.relative(base, path.resolve(cwd, file)).split(path.sep).join('/');
  const prints = fingerprints(findings, textOf, key);
  return findings.map((f, i) => ({ file: key(f.at.file), rule: f.rule, fingerprint: prints[i] }));
}

/**
 * Parses a baseline file; when it is not one, says why without quoting it (the JSON parser's message would
 * show its first characters, and a baseline option may point at any file).
 */
export function parseBaseline(text: string): { ok: true; baseline: Baseline } | { ok: false; error: 'json' | 'shape' } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: 'json' };
  }
  const list = (data as { findings?: unknown })?.findings;
  if (!Array.isArray(list)) return { ok: false, error: 'shape' };
  const findings: BaselineEntry[] = [];
  for (const e of list) {
    const { file, rule, fingerprint } = (e ?? {}) as Record<string, unknown>;
    if (typeof file === 'string' && typeof rule === 'string' && typeof fingerprint === 'string') findings.push({ file, rule, fingerprint });
  }
  return { ok: true, baseline: { version: 1, findings } };
}

/** Findings not recorded in the baseline. */
export function filterBaseline(
  findings: readonly Finding[],
  entries: readonly BaselineEntry[],
  known: readonly BaselineEntry[],
): Finding[] {
  const recorded = new Set(known.map(entryKey));
  return findings.filter((_, i) => !recorded.has(entryKey(entries[i])));
}

function entryKey(e: BaselineEntry): string {
  return `${e.rule}\u0000${e.file}\u0000${e.fingerprint}`;
}

/** Stable output: sorted entries, one per line, so baselines diff well in review. */
export function formatBaseline(entries: readonly BaselineEntry[]): string {
  const sorted = [...entries].sort((a, b) => cmp(a.file, b.file) || cmp(a.rule, b.rule) || cmp(a.fingerprint, b.fingerprint));
  const body = sorted.map((e) => `    ${JSON.stringify({ file: e.file, rule: e.rule, fingerprint: e.fingerprint })}`).join(',\n');
  return `{\n  "version": 1,\n  "findings": [${sorted.length ? `\n${body}\n  ` : ''}]\n}\n`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function writeBaseline(file: string, entries: readonly BaselineEntry[]): void {
  writeFileAtomic(file, formatBaseline(entries));
}
