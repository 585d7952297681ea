import type { RuleLevel } from '../config';
import { RULE_LEVELS } from '../config';

/** The `dockwarden.*` editor settings (package.json `contributes.configuration`). */
export interface Settings {
  enable: boolean;
  run: 'onType' | 'onSave';
  debounceMs: number;
  /** Level per rule id or glob; editor settings win over `.dockwarden.yaml`. */
  rules: Record<string, RuleLevel>;
  trustedRegistries?: string[];
  composeFiles: string[];
  maxFileSizeKb: number;
  /** Read files a compose file names (include, extends, env_file, build) outside the workspace folders. */
  allowOutsideWorkspace: boolean;
}

export const DEFAULT_DEBOUNCE_MS = 150;
export const DEFAULT_MAX_FILE_SIZE_KB = 1024;

export function defaultSettings(): Settings {
  return {
    enable: true,
    run: 'onType',
    debounceMs: DEFAULT_DEBOUNCE_MS,
    rules: {},
    composeFiles: [],
    maxFileSizeKb: DEFAULT_MAX_FILE_SIZE_KB,
    allowOutsideWorkspace: false,
  };
}

/** Coerces whatever the client sent (possibly null, partial or mistyped) into settings; bad values fall back. */
export function normalizeSettings(raw: unknown): Settings {
  const s = defaultSettings();
  if (!raw || typeof raw !== 'object') return s;
  const r = raw as Record<string, unknown>;
  if (typeof r.enable === 'boolean') s.enable = r.enable;
  if (r.run === 'onType' || r.run === 'onSave') s.run = r.run;
  if (typeof r.debounceMs === 'number' && Number.isFinite(r.debounceMs))
    s.debounceMs = Math.min(10_000, Math.max(0, Math.round(r.debounceMs)));
  if (r.rules && typeof r.rules === 'object' && !Array.isArray(r.rules)) {
    for (const [id, level] of Object.entries(r.rules as Record<string, unknown>)) {
      if (level === false) s.rules[id] = 'off';
      else if (typeof level === 'string' && (RULE_LEVELS as readonly string[]).includes(level)) s.rules[id] = level as RuleLevel;
    }
  }
  const registries = stringList(r.trustedRegistries);
  // An empty list in the editor means "not configured", as an absent key does.
  if (registries && registries.length > 0) s.trustedRegistries = registries;
  s.composeFiles = stringList(r.composeFiles) ?? [];
  if (typeof r.allowOutsideWorkspace === 'boolean') s.allowOutsideWorkspace = r.allowOutsideWorkspace;
  if (typeof r.maxFileSizeKb === 'number' && r.maxFileSizeKb > 0) s.maxFileSizeKb = r.maxFileSizeKb;
  return s;
}

function stringList(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.filter((x): x is string => typeof x === 'string' && x.trim() !== '');
}
