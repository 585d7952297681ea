import type { ParsedFile } from '../../../shared-rules/src/model';
import type { FileAccess } from '../fs';

/**
 * A front end turns one kind of file (Compose, Dockerfile, ...) into the container model. It knows its file
 * names, its syntax and how its files form a project; the analysis core (analysis.ts) does everything else:
 * decoding, size limits, config, rules, suppressions, severity, fixes and caches of findings.
 *
 * Adding a kind of source is one folder with a front end, plus one line in registry.ts.
 */
export interface FrontEnd {
  /** The kind id, also `ParsedFile.kind` of what it parses. */
  readonly kind: string;
  /** Editor language ids that are this kind whatever the file's name. */
  readonly languageIds: readonly string[];
  /** How a comment starts, for the suppression comments the editor inserts. */
  readonly commentPrefix: '#' | '//';
  /**
   * What the file name says: `'name'` — this kind whatever the content; `'content'` — this kind if
   * `byContent` agrees (a `.yml` file, `Dockerfile.j2`); undefined — not this kind by name. `optIn`: sources the
   * user turned on (`markdown`).
   */
  byName(file: string, optIn: ReadonlySet<string>): 'name' | 'content' | undefined;
  /**
   * A file the user named whose name leaves this kind open (`Dockerfile.j2`) is linted as this kind even when its
   * content is not, so that it gets a parse error rather than being passed over.
   */
  readonly namedFileIsKind: boolean;
  /** Whether the text is this kind. `anyName`: the file was named explicitly (command line, open editor). */
  byContent(text: string, file: string, anyName: boolean): boolean;
  /**
   * Parses the file and the files of its project. `session` is the front end's own state for one document being
   * edited (the typing path); what it keeps there is up to it, and a result must always equal a lint without it.
   */
  load(request: LoadRequest, session?: FrontEndSession): LoadResult;
  /**
   * Other files this file makes part of its project exclusively (a devcontainer.json's Compose files under
   * `.devcontainer/`): the core lints them only as part of it — a folder walk that finds both does not lint them
   * alone, and linting one of them (an open editor) lints it within this file's project. From the text alone.
   */
  claims?(file: string, text: string): string[];
  /** The kinds of file `claims` may name (no owner is looked for a file of another kind). */
  readonly claimedKinds?: readonly string[];
  /**
   * The files of this kind that may claim `file` (where to look for them: `claims` decides). `subfolders` lists the
   * folders inside a folder, for owners one level down.
   */
  ownersOf?(file: string, subfolders: (dir: string) => string[]): string[];
}

export interface LoadRequest {
  /** Absolute path (or the editor's pseudo path of an unsaved document). */
  file: string;
  text: string;
  /** The project's other files: decoded, within the size limit and the folders the user allows. */
  files: FileAccess;
  /** The editor's language id, when an editor sent the text: it may say which syntax a file whose name says nothing is in. */
  languageId?: string;
}

export interface LoadResult {
  /** The parsed files of the project, this file's first; findings of every one of them are reported. */
  files: ParsedFile[];
  /** Other files read (present or not): a change to one of them means this file must be linted again. */
  dependencies: string[];
  /**
   * Files the project reads as a kind of source whatever their names (`extends.file: defaults.conf`,
   * `build.dockerfile: build.docker`): a run over a folder lints them too, so their own findings are reported.
   */
  references?: Array<{ file: string; kind: string }>;
}

/** State a front end keeps between versions of one open document (the core holds one per document). */
export interface FrontEndSession {
  state?: unknown;
}

/** What a front end gets from the core when it is made: settings and its sibling front ends. */
export interface FrontEndHost {
  /** The process environment for interpolation (the CLI's); undefined in the editor. */
  readonly processEnv?: Readonly<Record<string, string | undefined>>;
  /** Another front end of the same analysis (a Compose `build:` links a Dockerfile). */
  frontEnd<T extends FrontEnd>(kind: string): T | undefined;
}

export type FrontEndFactory = (host: FrontEndHost) => FrontEnd;
