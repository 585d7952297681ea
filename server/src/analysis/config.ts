import * as path from 'node:path';
import picomatch from 'picomatch';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';
import type { SeverityResolver } from '../../../shared-rules/src/engine';
import { allRules } from '../../../shared-rules/src/rules';
import { engineRules } from '../../../shared-rules/src/meta';
import type { FileAccess } from '../fs';
import { shorten } from '../../../shared-rules/src/bounds';
import { checkNesting } from '../compose/depth';
import { withoutStackTraces } from '../text/yaml-errors';

/** 0-based line and UTF-16 column of an offset. */
function lineAndColumn(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, character: offset - start };
}

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

/** How config files are read: a file over the size limit is found, but not read (`tooLarge` says so). */
export interface ConfigFiles extends FileAccess {
  tooLarge?(file: string): number | undefined;
}

/** The first config file found in `dir` or its parents (`text` undefined when it is too large to read), or undefined. */
export function findConfigFile(dir: string, files: ConfigFiles): { file: string; text?: string; maxBytes?: number } | undefined {
  let current = path.resolve(dir);
  for (;;) {
    const found = configFileIn(current, files);
    if (found) return found;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** The config file in `dir` itself (`text` undefined when it is too large to read), or undefined. */
function configFileIn(dir: string, files: ConfigFiles): { file: string; text?: string; maxBytes?: number } | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const file = path.join(dir, name);
    const text = files.readText(file);
    if (text !== undefined) return { file, text };
    const maxBytes = files.tooLarge?.(file);
    if (maxBytes !== undefined) return { file, maxBytes };
  }
  return undefined;
}

function loadFound(found: { file: string; text?: string; maxBytes?: number }): LoadedConfig {
  if (found.text === undefined) {
    // Not read, and not passed over either: the run must not go on as if the file's settings were not there.
    const message = `The config file is larger than ${Math.round((found.maxBytes ?? 0) / 1024)} KB and was not read`;
    return { config: emptyConfig(), file: found.file, errors: [{ file: found.file, line: 0, character: 0, message }] };
  }
  return parseConfig(found.file, found.text);
}

/**
 * Walks up from `dir` to the first `.dockwarden.yaml` and loads it; an empty config when none. With `memo` (folder
 * → its config), folders looked up before end the walk, and every folder passed on the way is remembered with the
 * config found: 4,000 project folders under one parent probe that parent's ancestors once, not 4,000 times.
 */
export function loadConfigFor(dir: string, files: ConfigFiles, memo?: Map<string, LoadedConfig>): LoadedConfig {
  if (!memo) {
    const found = findConfigFile(dir, files);
    return found ? loadFound(found) : { config: emptyConfig(), errors: [] };
  }
  const passed: string[] = [];
  let loaded: LoadedConfig | undefined;
  for (let current = path.resolve(dir); ;) {
    loaded = memo.get(current);
    if (loaded) break;
    passed.push(current);
    const found = configFileIn(current, files);
    if (found) {
      loaded = loadFound(found);
      break;
    }
    const parent = path.dirname(current);
    if (parent === current) {
      loaded = { config: emptyConfig(), errors: [] };
      break;
    }
    current = parent;
  }
  for (const d of passed) memo.set(d, loaded);
  return loaded;
}

/** Parses and validates a config text; unknown keys and bad values become errors with their line. */
export function parseConfig(file: string, text: string): LoadedConfig {
  const config = emptyConfig();
  const errors: ConfigError[] = [];
  const lineCounter = new LineCounter();
  // The yaml library recurses once per nesting level: refuse absurd nesting before it sees the text (as for
  // Compose files, compose/depth.ts), rather than overflow the stack inside it.
  const tooDeep = checkNesting(text);
  if (tooDeep) {
    return { config, file, errors: [{ file, ...lineAndColumn(text, tooDeep.offset), message: tooDeep.message }] };
  }
  // uniqueKeys is off: the library's check is quadratic in a mapping's size (40,000 keys took 14 s); mappings
  // are checked for duplicate keys below instead, in one pass each.
  const doc = withoutStackTraces(() => parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false }));

  const at = (offset: number | undefined): { line: number; character: number } => {
    const pos = lineCounter.linePos(offset ?? 0);
    return { line: pos.line - 1, character: pos.col - 1 };
  };
  let dropped = 0;
  // A message may be a function: built only for the errors that are kept (a suggestion costs an edit distance).
  const error = (node: Node | Pair | null | undefined, message: string | (() => string), offset?: number) => {
    if (errors.length >= MAX_CONFIG_ERRORS) {
      dropped++;
      return;
    }
    const start = offset ?? nodeStart(node);
    errors.push({ file, ...at(start), message: typeof message === 'string' ? message : message() });
  };
  const finish = (): LoadedConfig => {
    if (dropped > 0) errors.push({ ...errors[errors.length - 1], message: `... and ${dropped} more errors in this file` });
    return { config, file, errors };
  };

  for (const e of doc.errors.slice(0, MAX_CONFIG_ERRORS)) errors.push({ file, ...at(e.pos[0]), message: firstLine(e.message) });
  if (doc.errors.length > 0) return { config, file, errors };
  duplicateKeys(doc.contents as Node | null, (key) => error(key, 'Map keys must be unique'));
  if (errors.length > 0) return finish();

  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { config, file, errors };
  if (!isMap(root)) {
    error(root, 'The config must be a mapping of keys such as rules, ignore and trustedRegistries');
    return { config, file, errors };
  }

  const ruleIds = new Set(knownRuleIds());
  const ruleIdList = [...ruleIds];
  for (const pair of root.items) {
    const key = scalarString(pair.key);
    const value = pair.value as Node | null;
    if (key === undefined) {
      error(pair.key as Node, 'Config keys must be plain strings');
      continue;
    }
    readEntry(config, key, value, pair, error, ruleIds, ruleIdList);
  }
  return finish();
}

/** One top-level key of the config into `config`, or an error where it is written. */
function readEntry(
  config: DockwardenConfig,
  key: string,
  value: Node | null,
  pair: Pair,
  error: ErrorSink,
  ruleIds: ReadonlySet<string>,
  ruleIdList: readonly string[],
): void {
  switch (key) {
    case 'rules':
      forEachEntry(value, 'rules', error, (id, v, keyNode) => {
        if (!isGlob(id) && !ruleIds.has(id)) {
          error(keyNode, () => `Unknown rule ${quoted(id)}${suggest(id, ruleIdList)}`);
          return;
        }
        const level = toLevel(v);
        if (!level) {
          error(v, `Invalid level for ${quoted(id)}: expected one of ${RULE_LEVELS.join(', ')}`);
          return;
        }
        config.rules[id] = level;
      });
      break;
    case 'fixes':
      forEachEntry(value, 'fixes', error, (id, v, keyNode) => {
        if (!isGlob(id) && !ruleIds.has(id)) {
          error(keyNode, () => `Unknown rule ${quoted(id)}${suggest(id, ruleIdList)}`);
          return;
        }
        if (!isScalar(v) || typeof v.value !== 'boolean') {
          error(v, `Invalid value for fixes.${shorten(id, 80)}: expected true or false`);
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
      error(pair.key as Node, () => `Unknown key ${quoted(key)}${suggest(key, TOP_LEVEL_KEYS)}`);
  }
}

/** Errors kept per config file: the first ones say what is wrong, thousands would only flood the terminal. */
const MAX_CONFIG_ERRORS = 50;

/**
 * A key from the file, quoted in an error: a name-like key as written (shortened), anything else not at all, so
 * that a file that is not a config (a `--config` pointing elsewhere) is never echoed.
 */
function quoted(key: string): string {
  return /^[\w.*?[\]{}!@+()-]+$/.test(key) ? `'${shorten(key, 80)}'` : '(a key that is not a rule id)';
}

/** Duplicate keys of every mapping below `node`, one Set per mapping (linear). */
function duplicateKeys(node: Node | null, report: (key: Node) => void, depth = 0): void {
  if (!node || depth > 50) return;
  if (isMap(node)) {
    const seen = new Set<string>();
    for (const pair of node.items) {
      const k = pair.key as Node | null;
      if (isScalar(k)) {
        const id = `${typeof k.value}:${String(k.value)}`;
        if (seen.has(id)) report(k);
        else seen.add(id);
      }
      duplicateKeys(pair.value as Node | null, report, depth + 1);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) duplicateKeys(item as Node | null, report, depth + 1);
  }
}

type ErrorSink = (node: Node | Pair | null | undefined, message: string | (() => string), offset?: number) => void;

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
  const nl = message.indexOf('\n');
  return shorten(nl < 0 ? message : message.slice(0, nl), 300);
}

export function isGlob(id: string): boolean {
  return /[*?[\]{}!]/.test(id);
}

/** ` (did you mean 'rules'?)` when a candidate is close enough, else ''. */
export function suggest(word: string, candidates: readonly string[]): string {
  // Long words are no typo of a short id (and their edit distance costs their length times the id's).
  if (word.length > 64) return '';
  let best: string | undefined;
  let bestDistance = Infinity;
  const limit0 = Math.max(2, Math.floor(word.length / 3));
  for (const c of candidates) {
    if (Math.abs(c.length - word.length) > limit0) continue;
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
  // One lookup per fixes table: `--fix` asks for every finding of every pass, and a table may hold thousands of globs.
  let lookup = fixLookups.get(config.fixes);
  if (!lookup) {
    lookup = ruleSettingLookup(config.fixes);
    fixLookups.set(config.fixes, lookup);
  }
  return lookup(ruleId) ?? true;
}

const fixLookups = new WeakMap<Record<string, boolean>, (ruleId: string) => boolean | undefined>();

/** Exact key first, then the longest matching glob; results are cached per rule id. */
function ruleSettingLookup<T>(table: Record<string, T>): (ruleId: string) => T | undefined {
  // Matchers are made on first use: a config may hold thousands of globs, and most lookups stop early.
  const globs = Object.keys(table)
    .filter(isGlob)
    .sort((a, b) => b.length - a.length)
    .map((g) => ({ glob: g, value: table[g], match: undefined as ((id: string) => boolean) | undefined }));
  const cache = new Map<string, T | undefined>();
  return (ruleId) => {
    if (Object.prototype.hasOwnProperty.call(table, ruleId)) return table[ruleId];
    if (cache.has(ruleId)) return cache.get(ruleId);
    const hit = globs.find((g) => (g.match ??= globMatcher(g.glob))(ruleId))?.value;
    cache.set(ruleId, hit);
    return hit;
  };
}

/**
 * A matcher of rule ids for a glob. `*` and `?` alone (nearly every glob in a config) are matched by hand in
 * linear time without compiling anything; other globs go to picomatch.
 */
function globMatcher(glob: string): (id: string) => boolean {
  if (/[[\]{}()!+@\\]/.test(glob)) return picomatch(glob);
  return (id) => wildcardMatch(glob, id);
}

/** `*` any run of characters, `?` one character (rule ids have no `/`); the usual two-pointer algorithm. */
function wildcardMatch(glob: string, s: string): boolean {
  let g = 0;
  let i = 0;
  let star = -1;
  let mark = 0;
  while (i < s.length) {
    if (g < glob.length && (glob[g] === '?' || glob[g] === s[i])) {
      g++;
      i++;
    } else if (g < glob.length && glob[g] === '*') {
      star = g++;
      mark = i;
    } else if (star >= 0) {
      g = star + 1;
      i = ++mark;
    } else {
      return false;
    }
  }
  while (g < glob.length && glob[g] === '*') g++;
  return g === glob.length;
}
