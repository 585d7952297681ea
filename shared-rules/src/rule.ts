import type { ContainerOrigin, ContainerSpec, Source, TextEdit } from './model';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export const DOCS_BASE = 'https://github.com/dockwarden/dockwarden/blob/main/docs/rules/';

export function docsUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}

/**
 * `safe`: a container that works today keeps working in the common case; `unsafe`: the fix commonly stops one
 * from starting or serving (../shared/rules.md § Fix safety). `--fix` and `source.fixAll` apply safe fixes only.
 */
export type FixSafety = 'safe' | 'unsafe';

/** A rule's classification of its fix, with the reason its page gives. */
export interface FixClassification {
  safety: FixSafety;
  /** One sentence (English): why the fix keeps containers working, or what it may break. */
  reason: string;
  /** Fix titles (message ids) that are unsafe where the rule's fix is safe: a rule with both kinds of fix. */
  unsafeTitles?: readonly string[];
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The rule's classification, or the report's own where a rule has both kinds of fix. */
  safety: FixSafety;
}

/** A fix as a rule reports it: the title is a message id of the rule, rendered in the user's language. */
export interface RuleFix {
  titleId: string;
  args?: Record<string, string>;
  edits: TextEdit[];
  /** Overrides the rule's `fixSafety` for this fix (a rule whose fixes differ, e.g. by flag). */
  safety?: FixSafety;
}

export interface RelatedInfo {
  message: string;
  source: Source;
}

/** What a rule reports; the engine adds the rule id, the final severity and related information. */
export interface RuleReport {
  /** A key of the rule's `messages`; `args` fill its `{placeholders}`. */
  messageId: string;
  args?: Record<string, string>;
  at: Source;
  /** Overrides the rule's default severity for this report (e.g. sensitive-host-mount `:ro` → warning). */
  severity?: Severity;
  fix?: RuleFix;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  at: Source;
  fix?: Fix;
  /** True when the rule offers a fix at all (even if this report has none). */
  fixable?: boolean;
  /** The container (service or stage) the finding is about. */
  container?: string;
  /** A value several containers inherit (an anchor, a base file) is reported once: every one of them, in order. */
  containers?: string[];
  related?: RelatedInfo[];
}

export interface RuleSettings {
  /** Registry / namespace prefixes the user trusts; undefined when not configured. */
  trustedRegistries?: string[];
}

export interface RuleContext {
  settings: RuleSettings;
  /**
   * Every container of the same project (Compose services), for rules that look across services. Read only
   * their `name`, `dependsOn` and the image they build (image-ref.ts `builtImage`): the language server's
   * incremental lint (server/src/incremental.ts) re-lints the other services only when those change.
   */
  project: ContainerSpec[];
}

export interface Rule {
  id: string;
  title: string;
  defaultSeverity: Severity;
  /** Which containers the rule looks at. */
  appliesTo: ReadonlyArray<ContainerOrigin>;
  /** True when the rule can offer a quick fix. */
  fixable: boolean;
  /** Required when `fixable`: whether the fix is safe to apply without review, and why. */
  fixSafety?: FixClassification;
  /** English message templates by id (`{placeholders}`; the engine fills `{Container}` / `{container}`), translated in l10n/ja.ts. */
  messages: Record<string, string>;
  check(container: ContainerSpec, ctx: RuleContext): RuleReport[];
}
