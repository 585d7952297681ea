import type { Connection } from 'vscode-languageserver/node';
import { RULE_LEVELS, PROFILES, type ConfigOverrides, type Profile, type RuleLevel } from '../analysis';
import { SETTINGS_SECTION } from '../protocol';

/** The `dockwarden.*` editor settings (package.json `contributes.configuration`). */
export interface Settings {
  enable: boolean;
  run: 'onType' | 'onSave';
  debounceMs: number;
  /** Level per rule id or glob; editor settings win over `.dockwarden.yaml`. */
  rules: Record<string, RuleLevel>;
  trustedRegistries?: string[];
  composeFiles: string[];
  profile?: Profile;
  /** Read `docker run` lines in fenced shell blocks of Markdown documents. */
  markdown?: boolean;
  /** Undefined: the config's, else the core's default. */
  maxFileSizeKb?: number;
  /** Read files a compose file names (include, extends, env_file, build) outside the workspace folders. */
  allowOutsideWorkspace: boolean;
}

export const DEFAULT_DEBOUNCE_MS = 150;

export function defaultSettings(): Settings {
  return {
    enable: true,
    run: 'onType',
    debounceMs: DEFAULT_DEBOUNCE_MS,
    rules: {},
    composeFiles: [],
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
  if (typeof r.profile === 'string' && (PROFILES as readonly string[]).includes(r.profile)) s.profile = r.profile as Profile;
  if (typeof r.markdown === 'boolean') s.markdown = r.markdown;
  if (typeof r.allowOutsideWorkspace === 'boolean') s.allowOutsideWorkspace = r.allowOutsideWorkspace;
  if (typeof r.maxFileSizeKb === 'number' && Number.isFinite(r.maxFileSizeKb) && r.maxFileSizeKb > 0) s.maxFileSizeKb = r.maxFileSizeKb;
  return s;
}

function stringList(v: unknown): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.filter((x): x is string => typeof x === 'string' && x.trim() !== '');
}

/**
 * The settings as config overrides for the analysis (they win over `.dockwarden.yaml`). The same object for
 * the same settings, so the analysis can keep what it built from them.
 */
const overridesByKey = new Map<string, ConfigOverrides>();

export function configOverrides(s: Settings): ConfigOverrides {
  const o: ConfigOverrides = {
    rules: s.rules,
    trustedRegistries: s.trustedRegistries,
    composeFiles: s.composeFiles,
    profile: s.profile,
    maxFileSizeKb: s.maxFileSizeKb,
    markdown: s.markdown,
  };
  const key = JSON.stringify(o);
  const known = overridesByKey.get(key);
  if (known) return known;
  if (overridesByKey.size > 64) overridesByKey.clear();
  overridesByKey.set(key, o);
  return o;
}

/**
 * Settings per document: pulled with workspace/configuration when the client supports it (scoped to the
 * document), else what the client pushed (initializationOptions, didChangeConfiguration).
 */
export class SettingsStore {
  private pushed: Settings = defaultSettings();
  private fallback: unknown;
  private pull = false;
  private readonly byUri = new Map<string, Promise<Settings>>();

  constructor(private readonly connection: Connection) {}

  initialize(pull: boolean, initial: unknown): void {
    this.pull = pull;
    this.fallback = initial;
    this.pushed = normalizeSettings(initial);
  }

  /** The client pushed settings (or said they changed): every document's are fetched again. */
  changed(raw: unknown): void {
    this.byUri.clear();
    if (raw !== undefined) this.pushed = normalizeSettings(raw);
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  get(uri: string): Promise<Settings> {
    if (!this.pull) return Promise.resolve(this.pushed);
    let s = this.byUri.get(uri);
    if (!s) {
      s = this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(
        (raw) => normalizeSettings(raw ?? this.fallback),
        () => this.pushed,
      );
      this.byUri.set(uri, s);
    }
    return s;
  }
}
