import type { FrontEnd } from './frontend';

export interface KindHints {
  /** The text, or a way to read it only if the name leaves the kind open. */
  text?: string | (() => string | undefined);
  /** The editor's language id (`dockercompose`, `dockerfile`, ...). */
  languageId?: string;
  /** Named by the user: when no name claims it, any front end may recognise its content. */
  explicit?: boolean;
  /** The config's or the editor's `composeFiles` globs name this file. */
  namedCompose?: boolean;
  /** Sources the user turned on (`markdown`). */
  optIn?: ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();

/**
 * Which kind a file is (rules.md § Where the settings are written): the editor's language id, unless a name claims
 * the file for a front end earlier in registry order; then a name that claims the file (the first front end in
 * registry order: a name that names a source wins over content); then the `composeFiles` globs; then the content,
 * among the kinds whose names leave it open (a `.yml` file may be a Compose file); and for a file the user named
 * whose name says nothing, any kind its content shows. A named file whose name suggests a kind that insists
 * (`Dockerfile.j2`) is that kind, so its parse error is reported.
 */
export function detectKind(frontEnds: readonly FrontEnd[], file: string, hints: KindHints): string | undefined {
  if (hints.languageId) {
    const byLanguage = frontEnds.find((f) => f.languageIds.includes(hints.languageId!));
    // Editors derive language ids from names too (VS Code calls `.github/workflows/docker-compose.yml`
    // `dockercompose`): a name that names a source of an earlier front end still wins, as it does without an id.
    const earlier = byLanguage
      ? frontEnds.slice(0, frontEnds.indexOf(byLanguage)).find((f) => f.byName(file, hints.optIn ?? NONE) === 'name')
      : undefined;
    if (earlier) return earlier.kind;
    // Editors name `Dockerfile.j2` or `Dockerfile.prod` a dockerfile by its name: when the front end's own name
    // rule leaves such a file to its content, the content decides.
    if (byLanguage && byLanguage.byName(file, hints.optIn ?? NONE) !== 'content') return byLanguage.kind;
    if (byLanguage) {
      const text = typeof hints.text === 'function' ? hints.text() : hints.text;
      return text === undefined || byLanguage.byContent(text, file, false) ? byLanguage.kind : undefined;
    }
  }
  const claims = frontEnds.map((f) => ({ frontEnd: f, claim: f.byName(file, hints.optIn ?? NONE) }));
  const named = claims.find((c) => c.claim === 'name');
  if (named) return named.frontEnd.kind;
  if (hints.namedCompose && frontEnds.some((f) => f.kind === 'compose')) return 'compose';
  const open = claims.filter((c) => c.claim === 'content').map((c) => c.frontEnd);
  if (open.length === 0 && !hints.explicit) return undefined;
  const text = typeof hints.text === 'function' ? hints.text() : hints.text;
  if (text === undefined) return hints.explicit ? open.find((f) => f.namedFileIsKind)?.kind : undefined;
  const candidates = open.length > 0 ? open : frontEnds;
  const byContent = candidates.find((f) => f.byContent(text, file, open.length === 0))?.kind;
  if (byContent || !hints.explicit) return byContent;
  return open.find((f) => f.namedFileIsKind)?.kind;
}
