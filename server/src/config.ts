import type { SeverityResolver } from '../../shared-rules/src/engine';
import type { FileAccess } from './fs';

// STUB: owned by the CLI/config helper; the signatures are the contract for the language server.

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
}

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

export function emptyConfig(): DockwardenConfig {
  return { rules: {}, ignore: [], fixes: {} };
}

/** Walks up from `dir` to the first `.dockwarden.yaml` and loads it; an empty config when none. */
export function loadConfigFor(dir: string, files: FileAccess): LoadedConfig {
  void dir;
  void files;
  return { config: emptyConfig(), errors: [] };
}

/** Parses and validates a config text; unknown keys and bad values become errors with their line. */
export function parseConfig(file: string, text: string): LoadedConfig {
  void text;
  return { config: emptyConfig(), file, errors: [] };
}

/** `override` wins key by key (the editor's settings over the file). */
export function mergeConfig(base: DockwardenConfig, override: Partial<DockwardenConfig>): DockwardenConfig {
  return {
    rules: { ...base.rules, ...(override.rules ?? {}) },
    trustedRegistries: override.trustedRegistries ?? base.trustedRegistries,
    ignore: [...base.ignore, ...(override.ignore ?? [])],
    fixes: { ...base.fixes, ...(override.fixes ?? {}) },
  };
}

/** Level for a rule from exact ids first, then globs (most specific last wins). */
export function severityResolver(config: DockwardenConfig): SeverityResolver {
  return (ruleId) => {
    const level = config.rules[ruleId];
    return level;
  };
}
