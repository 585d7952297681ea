// The analysis core's public surface: what the CLI, the language server, tests and the bench use.
export { Analysis, type AnalysisOptions, type FileLint, type LintRequest } from './analysis';
export {
  parseConfig,
  CONFIG_FILE_NAMES,
  RULE_LEVELS,
  PROFILES,
  type ConfigError,
  type LoadedConfig,
  type Profile,
  type RuleLevel,
} from './config';
export { type DiscoveredFile, type DiscoveryResult } from './discover';
export { type FixOutcome, type AppliedFix } from './fixes';
export { textBytes, type ByteSource, type TextOverlay } from './files';
export { toPosix, pathMatcher } from './paths';
export { DEFAULT_MAX_FILE_KB, type ConfigOverrides } from './policy';
