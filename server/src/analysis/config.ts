import * as path from 'node:path';
import picomatch from 'picomatch';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';
import type { SeverityResolver } from '../../../shared-rules/src/engine';
import { allRules } from '../../../shared-rules/src/rules';
import { engineRules } from '../../../shared-rules/src/meta';
import type { FileAccess } from '../fs';

export type RuleLevel = 'off' | 'hint' | 'info' | 'warning' | 'error';

/** `.dockwarden.yaml`, shared by the CLI and the editor (editor settings win over it). */
export interface DockwardenConfig {
  /** Level per rule id or glob (`host-*`). */
  rules: Record<string, RuleLevel>;
  trustedRegistries?: string[];
  /** Path globs (relative to the config file) that are never linted. */
  ignore: string[];
  /** Quick fix enabled per rule id (default: enabled). */
  fixes: Record<string, boolean>;
  /** Extra globs (relative to the config file) of files that are Compose files whatever their name. */
  composeFiles?: string[];
  /** Which rules are on by default (profiles.ts); levels in `rules` win. */
  profile?: Profile;
  /** Files larger than this are not analysed (a `file-too-large` finding says so). */
  maxFileSizeKb?: number;
  /** Read `docker run` command lines in fenced shell blocks of Markdown files too (off by default). */
  markdown?: boolean;
}

export type Profile = 'recommended' | 'strict';
export const PROFILES: readonly Profile[] = ['recommended', 'strict'];

export interface ConfigError {
  file: string;
  /** 0-based. */
  line: number;
  character: number;
  message: string;
}

export interface LoadedConfig {
  config: DockwardenConfig;
  /** The config file, when one was found. */
  file?: string;
  errors: ConfigError[];
}

export const CONFIG_FILE_NAMES = ['.dockwarden.yaml', '.dockwarden.yml'];

export const RULE_LEVELS: readonly RuleLevel[] = ['off', 'hint', 'info', 'warning', 'error'];

const TOP_LEVEL_KEYS = ['rules', 'trustedRegistries', 'ignore', 'fixes', 'composeFiles', 'profile', 'maxFileSizeKb', 'markdown'];

export function emptyConfig(): DockwardenConfig {
  return { rules: {}, ignore: [], fixes: {} };
}

/** Every id a config may name: the rules and the findings the engine itself produces. */
export function knownRuleIds(): string[] {
  return [...allRules.map((r) => r.id), ...engineRules.map((r) => r.id)];
}

/** The first config file found in `dir` or its parents, or undefined. */
export function findConfigFile(dir: string, files: FileAccess): { file: string; text: string } | undefined {
  let current = path.resolve(dir);
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const file = path.join(current, name);
      const text = files.readText(file);
      if (text !== undefined) return { file, text };
    }
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Walks up from `dir` to the first `.dockwarden.yaml` and loads it; an empty config when none. */
export function loadConfigFor(dir: string, files: FileAccess): LoadedConfig {
  const found = findConfigFile(dir, files);
  if (!found) return { config: emptyConfig(), errors: [] };
  return parseConfig(found.file, found.text);
}

/** Parses and validates a config text; unknown keys and bad values become errors with their line. */
export function parseConfig(file: string, text: string): LoadedConfig {
  const config = emptyConfig();
  const errors: ConfigError[] = [];
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });

  const at = (offset: number | undefined): { line: number; character: number } => {
    const pos = lineCounter.linePos(offset ?? 0);
    return { line: pos.line - 1, character: pos.col - 1 };
  };
  const error = (node: Node | Pair | null | undefined, message: string, offset?: number) => {
    const start = offset ?? nodeStart(node);
    errors.push({ file, ...at(start), message });
  };

  for (const e of doc.errors) errors.push({ file, ...at(e.pos[0]), message: firstLine(e.message) });
  if (doc.errors.length > 0) return { config, file, errors };

  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { config, file, errors };
  if (!isMap(root)) {
    error(root, 'The config must be a mapping of keys such as rules, ignore and trustedRegistries');
    return { config, file, errors };
  }

  const ruleIds = new Set(knownRuleIds());
  for (const pair of root.items) {
    const key = scalarString(pair.key);
    const value = pair.value as Node | null;
    if (key === undefined) {
      error(pair.key as Node, 'Config keys must be plain strings');
      continue;
    }
    readEntry(config, key, value, pair, error, ruleIds);
  }
  return { config, file, errors };
}

/** One top-level key of the config into `config`, or an error where it is written. */
function readEntry(
  config: DockwardenConfig,
  key: string,
  value: Node | null,
  pair: Pair,
  error: ErrorSink,
  ruleIds: ReadonlySet<string>,
): void {
  switch (key) {
    case 'rules':
      forEachEntry(value, 'rules', error, (id, v, keyNode) => {
        if (!isGlob(id) && !ruleIds.has(id)) {
          error(keyNode, `Unknown rule '${id}'${suggest(id, [...ruleIds])}`);
          return;
        }
        const level = toLevel(v);
        if (!level) {
          error(v, `Invalid level for '${id}': expected one of ${RULE_LEVELS.join(', ')}`);
          return;
        }
        config.rules[id] = level;
      });
      break;
    case 'fixes':
      forEachEntry(value, 'fixes', error, (id, v, keyNode) => {
        if (!isGlob(id) && !ruleIds.has(id)) {
          error(keyNode, `Unknown rule '${id}'${suggest(id, [...ruleIds])}`);
          return;
        }
        if (!isScalar(v) || typeof v.value !== 'boolean') {
          error(v, `Invalid value for fixes.${id}: expected true or false`);
          return;
        }
        config.fixes[id] = v.value;
      });
      break;
    case 'trustedRegistries':
    case 'ignore':
    case 'composeFiles': {
      const list = stringList(value, key, error);
      if (list) config[key] = list;
      break;
    }
    case 'profile': {
      const v = isScalar(value) ? value.value : undefined;
      if (typeof v === 'string' && (PROFILES as readonly string[]).includes(v)) config.profile = v as Profile;
      else error(value, `Invalid profile: expected one of ${PROFILES.join(', ')}`);
      break;
    }
    case 'maxFileSizeKb': {
      const v = isScalar(value) ? value.value : undefined;
      if (typeof v === 'number' && Number.isFinite(v) && v > 0) config.maxFileSizeKb = v;
      else error(value, 'Invalid maxFileSizeKb: expected a positive number of kilobytes');
      break;
    }
    case 'markdown': {
      const v = isScalar(value) ? value.value : undefined;
      if (typeof v === 'boolean') config.markdown = v;
      else error(value, 'Invalid markdown: expected true or false');
      break;
    }
    default:
      error(pair.key as Node, `Unknown key '${key}'${suggest(key, TOP_LEVEL_KEYS)}`);
  }
}

type ErrorSink = (node: Node | Pair | null | undefined, message: string, offset?: number) => void;

function forEachEntry(value: Node | null, key: string, error: ErrorSink, each: (id: string, v: Node | null, keyNode: Node) => void): void {
  if (value === null || (isScalar(value) && value.value === null)) return;
  if (!isMap(value)) {
    error(value, `'${key}' must be a mapping of rule ids (or globs such as host-*) to values`);
    return;
  }
  for (const pair of value.items) {
    const id = scalarString(pair.key);
    if (id === undefined) {
      error(pair.key as Node, `Keys of '${key}' must be rule ids or globs`);
      continue;
    }
    each(id, pair.value as Node | null, pair.key as Node);
  }
}

function stringList(value: Node | null, key: string, error: ErrorSink): string[] | undefined {
  if (value === null || (isScalar(value) && value.value === null)) return [];
  if (!isSeq(value)) {
    error(value, `'${key}' must be a list of strings`);
    return undefined;
  }
  const out: string[] = [];
  for (const item of value.items) {
    const s = scalarString(item);
    if (s === undefined || s === '') error(item as Node, `Items of '${key}' must be non-empty strings`);
    else out.push(s);
  }
  return out;
}

function toLevel(v: Node | null): RuleLevel | undefined {
  if (!isScalar(v)) return undefined;
  // `off: false` reads naturally too; YAML 1.2 keeps `off` a string already.
  if (v.value === false) return 'off';
  return typeof v.value === 'string' && (RULE_LEVELS as readonly string[]).includes(v.value) ? (v.value as RuleLevel) : undefined;
}

function scalarString(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

function nodeStart(node: Node | Pair | null | undefined): number | undefined {
  const n = node as { range?: [number, number, number] } | null | undefined;
  return n?.range?.[0];
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}

export function isGlob(id: string): boolean {
  return /[*?[\]{}!]/.test(id);
}

/** ` (did you mean 'rules'?)` when a candidate is close enough, else ''. */
export function suggest(word: string, candidates: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const limit = Math.max(2, Math.floor(word.length / 3));
  return best !== undefined && bestDistance <= limit ? ` (did you mean '${best}'?)` : '';
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** `override` wins key by key (the editor's settings over the file). */
export function mergeConfig(base: DockwardenConfig, override: Partial<DockwardenConfig>): DockwardenConfig {
  return {
    rules: { ...base.rules, ...(override.rules ?? {}) },
    trustedRegistries: override.trustedRegistries ?? base.trustedRegistries,
    ignore: [...base.ignore, ...(override.ignore ?? [])],
    fixes: { ...base.fixes, ...(override.fixes ?? {}) },
    composeFiles: [...(base.composeFiles ?? []), ...(override.composeFiles ?? [])],
    profile: override.profile ?? base.profile,
    maxFileSizeKb: override.maxFileSizeKb ?? base.maxFileSizeKb,
    markdown: override.markdown ?? base.markdown,
  };
}

/** Level for a rule: an exact id wins over globs; among matching globs the longest pattern wins. */
export function severityResolver(config: DockwardenConfig): SeverityResolver {
  const lookup = ruleSettingLookup(config.rules);
  return (ruleId) => lookup(ruleId);
}

/** Whether the quick fix of `ruleId` is enabled (exact id, then the longest matching glob; default on). */
export function fixEnabled(config: DockwardenConfig, ruleId: string): boolean {
  return ruleSettingLookup(config.fixes)(ruleId) ?? true;
}

/** Exact key first, then the longest matching glob; results are cached per rule id. */
function ruleSettingLookup<T>(table: Record<string, T>): (ruleId: string) => T | undefined {
  const globs = Object.keys(table)
    .filter(isGlob)
    .sort((a, b) => b.length - a.length)
    .map((g) => ({ value: table[g], match: picomatch(g) }));
  const cache = new Map<string, T | undefined>();
  return (ruleId) => {
    if (Object.prototype.hasOwnProperty.call(table, ruleId)) return table[ruleId];
    if (cache.has(ruleId)) return cache.get(ruleId);
    const hit = globs.find((g) => g.match(ruleId))?.value;
    cache.set(ruleId, hit);
    return hit;
  };
}
