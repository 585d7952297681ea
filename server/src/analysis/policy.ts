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
      try {
        loaded = loadConfigFor(dir, this.files);
      } catch {
        loaded = { config: { rules: {}, ignore: [], fixes: {} }, errors: [] };
      }
      if (this.byDir.size > 4096) this.byDir.clear();
      this.byDir.set(dir, loaded);
    }
    return loaded;
  }

  forFile(file: string, overrides?: ConfigOverrides): Policy {
    const loaded = this.configFor(path.dirname(file));
    const base = this.explicit?.base ?? (loaded.file ? path.dirname(loaded.file) : path.dirname(file));
    const key = `${loaded.file ?? `<none>:${base}`}`;
    const hit = this.built.get(key);
    if (hit && hit.overrides === overrides) return hit.policy;
    const policy = buildPolicy(loaded, base, overrides, this.locale, this.roots);
    if (this.built.size > 4096) this.built.clear();
    this.built.set(key, { overrides, policy });
    return policy;
  }

  /** A config file changed: every folder looks its config up again. */
  clear(): void {
    this.byDir.clear();
    this.built.clear();
  }
}

function buildPolicy(
  loaded: LoadedConfig,
  base: string,
  overrides: ConfigOverrides | undefined,
  locale: Locale,
  roots: readonly string[],
): Policy {
  const config = overrides ? mergeConfig(loaded.config, { ...overrides, composeFiles: undefined }) : loaded.config;
  const profile = config.profile ?? 'recommended';
  const explicit = severityResolver(config);
  const byProfile = profileLevels(profile);
  const severity: SeverityResolver = (ruleId, file) => explicit(ruleId, file) ?? byProfile.level(ruleId);
  const untrustedOnly = new Set([...byProfile.untrustedOnly].filter((id) => explicit(id, '') === undefined));
  const relative = (file: string) => toPosix(path.relative(base, file));
  const ignore = pathMatcher(config.ignore);
  const composeGlobs = pathMatcher(config.composeFiles ?? []);
  const editorGlobs = overrides?.composeFiles?.length ? editorComposeMatcher(overrides.composeFiles, roots) : undefined;
  const settings = config.trustedRegistries ? { trustedRegistries: config.trustedRegistries } : {};
  return {
    loaded,
    config,
    base,
    profile,
    maxBytes: Math.floor((config.maxFileSizeKb ?? DEFAULT_MAX_FILE_KB) * 1024),
    optIn: new Set(config.markdown ? ['markdown'] : []),
    ignored: (file) => ignore(relative(file)),
    namedCompose: (file) => composeGlobs(relative(file)) || (editorGlobs?.(file) ?? false),
    fixEnabled: (ruleId) => fixEnabled(config, ruleId),
    engine: { locale, severity, settings, untrustedOnly },
    rulesKey: JSON.stringify([locale, settings, [...untrustedOnly].sort()]),
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
