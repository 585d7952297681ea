import * as path from 'node:path';
import picomatch from 'picomatch';
import type { LintOptions, SeverityResolver } from '../../../shared-rules/src/engine';
import type { Locale } from '../../../shared-rules/src/l10n';
import {
  fixEnabled,
  loadConfigFor,
  mergeConfig,
  severityResolver,
  type DockwardenConfig,
  type LoadedConfig,
  type Profile,
  type ConfigFiles,
} from './config';
import { pathMatcher, toPosix } from './paths';
import { profileLevels } from './profiles';

/** Files larger than this are not analysed unless the config or the editor's setting says otherwise. */
export const DEFAULT_MAX_FILE_KB = 1024;

/** Folders whose config is remembered (each with its parents) before the memo starts again. */
const MAX_FOLDERS = 65_536;

/** Editor settings that win over `.dockwarden.yaml` (a subset of its keys). */
export type ConfigOverrides = Partial<
  Pick<DockwardenConfig, 'rules' | 'trustedRegistries' | 'composeFiles' | 'profile' | 'maxFileSizeKb' | 'markdown'>
>;

/** What applies to one file: its config (with the editor's settings over it) made ready to use. */
export interface Policy {
  loaded: LoadedConfig;
  config: DockwardenConfig;
  /** The folder the config's globs are relative to. */
  base: string;
  profile: Profile;
  maxBytes: number;
  ignored(file: string): boolean;
  /** The config's or the editor's `composeFiles` globs name this file. */
  namedCompose(file: string): boolean;
  /** Sources the user turned on (`markdown`). */
  optIn: ReadonlySet<string>;
  fixEnabled(ruleId: string): boolean;
  /** Engine options: locale, severity, rule settings and the profile's scope. */
  engine: LintOptions;
  /** A key for everything in `engine` that shapes the rules' own findings (caches of findings depend on it). */
  rulesKey: string;
}

/**
 * Finds and keeps the config of each folder (the nearest `.dockwarden.yaml` up the tree, or the one given with
 * `--config`) and builds policies from it. Config files are read through `files` (open editor buffers count).
 */
export class Policies {
  private readonly byDir = new Map<string, LoadedConfig>();
  private readonly built = new Map<string, { overrides: ConfigOverrides | undefined; policy: Policy }>();
  private shared = new WeakMap<LoadedConfig, { overrides: ConfigOverrides | undefined; parts: SharedParts }>();

  constructor(
    private readonly files: ConfigFiles,
    private readonly locale: Locale,
    /** The workspace folders: the editor's `composeFiles` globs are relative to them (or match a file name). */
    private readonly roots: readonly string[],
    /** `--config`: one config for every file; its globs are relative to `explicitBase`. */
    private readonly explicit?: { loaded: LoadedConfig; base: string },
  ) {}

  configFor(dir: string): LoadedConfig {
    if (this.explicit) return this.explicit.loaded;
    let loaded = this.byDir.get(dir);
    if (!loaded) {
      // Folders and their parents are remembered as the walk up passes them (a run over thousands of project
      // folders looks each parent up once); bounded for a long editor session.
      if (this.byDir.size > MAX_FOLDERS) this.byDir.clear();
      try {
        loaded = loadConfigFor(dir, this.files, this.byDir);
      } catch {
        loaded = { config: { rules: {}, ignore: [], fixes: {} }, errors: [] };
        this.byDir.set(dir, loaded);
      }
    }
    return loaded;
  }

  forFile(file: string, overrides?: ConfigOverrides): Policy {
    const loaded = this.configFor(path.dirname(file));
    const base = this.explicit?.base ?? (loaded.file ? path.dirname(loaded.file) : path.dirname(file));
    const key = `${loaded.file ?? `<none>:${base}`}`;
    const hit = this.built.get(key);
    if (hit && hit.overrides === overrides) return hit.policy;
    // What does not depend on the folder (severities, rule settings, matchers) is made once per config: without a
    // config file each folder has a policy of its own (its globs' base), and a run may lint thousands of them.
    let shared = this.shared.get(loaded);
    if (!shared || shared.overrides !== overrides) {
      shared = { overrides, parts: sharedParts(loaded, overrides, this.locale, this.roots) };
      this.shared.set(loaded, shared);
    }
    const policy = buildPolicy(shared.parts, base);
    if (this.built.size > MAX_FOLDERS) this.built.clear();
    this.built.set(key, { overrides, policy });
    return policy;
  }

  /** A config file changed: every folder looks its config up again. */
  clear(): void {
    this.byDir.clear();
    this.built.clear();
    this.shared = new WeakMap();
  }
}

/** The parts of a policy that depend on the config and the editor's settings only, not on the folder. */
interface SharedParts {
  loaded: LoadedConfig;
  config: DockwardenConfig;
  profile: Profile;
  maxBytes: number;
  optIn: ReadonlySet<string>;
  ignore: (relPath: string) => boolean;
  composeGlobs: (relPath: string) => boolean;
  editorGlobs: ((file: string) => boolean) | undefined;
  fixEnabled: (ruleId: string) => boolean;
  engine: LintOptions;
  rulesKey: string;
}

function sharedParts(loaded: LoadedConfig, overrides: ConfigOverrides | undefined, locale: Locale, roots: readonly string[]): SharedParts {
  const config = overrides ? mergeConfig(loaded.config, { ...overrides, composeFiles: undefined }) : loaded.config;
  const profile = config.profile ?? 'recommended';
  const explicit = severityResolver(config);
  const byProfile = profileLevels(profile);
  const severity: SeverityResolver = (ruleId, file) => explicit(ruleId, file) ?? byProfile.level(ruleId);
  const untrustedOnly = new Set([...byProfile.untrustedOnly].filter((id) => explicit(id, '') === undefined));
  const settings = config.trustedRegistries ? { trustedRegistries: config.trustedRegistries } : {};
  return {
    loaded,
    config,
    profile,
    maxBytes: Math.floor((config.maxFileSizeKb ?? DEFAULT_MAX_FILE_KB) * 1024),
    optIn: new Set(config.markdown ? ['markdown'] : []),
    ignore: pathMatcher(config.ignore),
    composeGlobs: pathMatcher(config.composeFiles ?? []),
    editorGlobs: overrides?.composeFiles?.length ? editorComposeMatcher(overrides.composeFiles, roots) : undefined,
    fixEnabled: (ruleId) => fixEnabled(config, ruleId),
    engine: { locale, severity, settings, untrustedOnly },
    rulesKey: JSON.stringify([locale, settings, [...untrustedOnly].sort()]),
  };
}

function buildPolicy(parts: SharedParts, base: string): Policy {
  const { ignore, composeGlobs, editorGlobs } = parts;
  const relative = (file: string) => toPosix(path.relative(base, file));
  return {
    loaded: parts.loaded,
    config: parts.config,
    base,
    profile: parts.profile,
    maxBytes: parts.maxBytes,
    optIn: parts.optIn,
    // Without globs no path is made relative (path.relative is a cost per file and per lookup).
    ignored: parts.config.ignore.length === 0 ? () => false : (file) => ignore(relative(file)),
    namedCompose: (file) => (parts.config.composeFiles?.length ? composeGlobs(relative(file)) : false) || (editorGlobs?.(file) ?? false),
    fixEnabled: parts.fixEnabled,
    engine: parts.engine,
    rulesKey: parts.rulesKey,
  };
}

/** The editor's `composeFiles`: relative to the workspace folder holding the file, or matching its name. */
function editorComposeMatcher(globs: readonly string[], roots: readonly string[]): (file: string) => boolean {
  const relative = pathMatcher(globs);
  const byName = picomatch([...globs], { dot: true, basename: true });
  return (file) => {
    const root = roots.find((r) => file === r || file.startsWith(r.endsWith(path.sep) ? r : r + path.sep));
    return relative(toPosix(root ? path.relative(root, file) : path.basename(file))) || byName(path.basename(file));
  };
}
