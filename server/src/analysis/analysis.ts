import * as path from 'node:path';
import type { Locale } from '../../../shared-rules/src/l10n';
import type { LineSpan } from '../../../shared-rules/src/model';
import type { Finding } from '../../../shared-rules/src/rule';
import type { FileAccess } from '../fs';
import { CONFIG_FILE_NAMES, parseConfig, type ConfigError, type ConfigFiles, type LoadedConfig } from './config';
import { discoverFiles, type DiscoveryResult } from './discover';
import { bounded, FindingMemo, projectFindings } from './findings';
import { fixToFixedPoint, type FixOptions, type FixOutcome } from './fixes';
import type { FrontEnd, FrontEndHost, FrontEndSession, LoadRequest } from './frontend';
import { encodeText } from './decode';
import { Confinement, diskBytes, FileReader, isVirtualPath, type ByteSource, type TextOverlay } from './files';
import { detectKind, type KindHints } from './kinds';
import { Policies, type ConfigOverrides, type Policy } from './policy';
import { FRONT_ENDS } from './registry';
import { texts } from './texts';

export interface AnalysisOptions {
  /** Where files come from; the disk by default. */
  bytes?: ByteSource;
  /** Texts that win over the disk (the editor's open documents). */
  overlay?: TextOverlay;
  /** Read each file once (the CLI: nothing changes during a run); the editor reads the disk every time. */
  keepReads?: boolean;
  locale?: Locale;
  /**
   * Folders files may be read from (the workspace folders, or the working directory and the linted paths), by
   * real path; the linted file's own folder is always readable. Undefined: anywhere.
   */
  roots?: readonly string[];
  /** Variables for interpolation besides `.env` (the CLI's process environment, as Compose reads it). */
  processEnv?: Readonly<Record<string, string | undefined>>;
  /** `--config`: the config file for every file (read even outside `roots`: the user named it), its globs relative to `base`. */
  config?: { file: string; base: string; text?: string };
}

export interface LintRequest {
  /** The text to lint (an editor buffer); read from the overlay or the disk when absent. */
  text?: string;
  /** The kind, when the caller already knows it (discovery decided). */
  kind?: string;
  /** The editor's language id: it may name the kind. */
  languageId?: string;
  /** Named by the user (on the command line, an open document): the content decides when the name does not. */
  explicit?: boolean;
  /** Editor settings that win over `.dockwarden.yaml`. */
  overrides?: ConfigOverrides;
  /** A document key: what was learned linting its previous version is kept for the next (the typing path). */
  session?: string;
}

export interface FileLint {
  file: string;
  /** Undefined when the file is not one Dockwarden lints (or the config ignores it). */
  kind: string | undefined;
  /** Findings in this file. */
  findings: Finding[];
  /** Findings of its project written in other files (an extended file, an override file). */
  elsewhere: Finding[];
  /** Other files read (present or not): a change to one means linting this file again. */
  dependencies: string[];
  /** Commands of this file written over several lines (ParsedFile.commandSpans): where an ignore comment goes. */
  commandSpans?: LineSpan[];
  /** Files the project reads as a kind of source whatever their names (they exist and may be read). */
  references?: Array<{ file: string; kind: string }>;
}

/** Config files are small; a larger one is not read. */
const CONFIG_MAX_BYTES = 1024 * 1024;

/** Folders looked into for the owners of a claimed file (`.devcontainer/<name>/`): a bound, not a setting. */
const MAX_OWNER_FOLDERS = 64;

/** Sessions kept: each holds a document's parse state (the most recently linted documents). */
const MAX_SESSIONS = 16;

/**
 * The analysis core: one object does, for every file, what both the CLI and the language server need — kind
 * detection, decoding, the size limit, config and ignore resolution, parsing through the file's front end with
 * its project, rules, suppressions, severity, fix gating, internal-error isolation — and keeps every cache as its
 * own state (two analyses never share one). The adapters only decide which files to lint and how to show findings.
 */
export class Analysis {
  readonly locale: Locale;
  private readonly frontEnds: FrontEnd[];
  private readonly reader: FileReader;
  private readonly confinement: Confinement;
  private readonly policies: Policies;
  private readonly sessions = new Map<string, { kind: string; frontEnd: FrontEndSession; findings: FindingMemo }>();
  /** Texts fixes produced and not written yet (they win over everything else). */
  private readonly edited = new Map<string, string>();
  /** `--config`, read and parsed; undefined when none was given or it cannot be read. */
  private readonly explicit?: LoadedConfig;

  constructor(private readonly options: AnalysisOptions = {}) {
    this.locale = options.locale ?? 'en';
    const base = options.overlay;
    this.reader = new FileReader(options.bytes ?? diskBytes(), { textOf: (f) => this.edited.get(f) ?? base?.textOf(f) }, options.keepReads);
    this.confinement = new Confinement(options.roots, this.reader);
    const host: FrontEndHost = {
      processEnv: options.processEnv,
      frontEnd: <T extends FrontEnd>(kind: string) => this.frontEnds.find((f) => f.kind === kind) as T | undefined,
    };
    this.frontEnds = FRONT_ENDS.map((make) => make(host));
    if (options.config) {
      const file = path.resolve(options.config.file);
      const read = options.config.text ?? this.reader.read(file, CONFIG_MAX_BYTES);
      if (typeof read === 'string') this.explicit = parseConfig(file, read);
      else if (read.status === 'ok') this.explicit = parseConfig(file, read.text);
    }
    const explicit = this.explicit && options.config ? { loaded: this.explicit, base: options.config.base } : undefined;
    this.policies = new Policies(this.configFiles(), this.locale, options.roots ?? [], explicit);
  }

  /** The front end of a kind (tests and the bench look at their counters). */
  frontEnd<T extends FrontEnd>(kind: string): T | undefined {
    return this.frontEnds.find((f) => f.kind === kind) as T | undefined;
  }

  /** Which kind `file` is, or undefined when Dockwarden does not lint it. */
  kindOf(file: string, hints: KindHints = {}, overrides?: ConfigOverrides): string | undefined {
    const policy = this.policies.forFile(path.resolve(file), overrides);
    return detectKind(this.frontEnds, file, { ...hints, namedCompose: policy.namedCompose(file), optIn: policy.optIn });
  }

  /** Comment syntax of a kind (for the suppression comments the editor inserts). */
  commentPrefixOf(kind: string): '#' | '//' {
    return this.frontEnds.find((f) => f.kind === kind)?.commentPrefix ?? '#';
  }

  /** Lints one file with its project. Never throws: a failure is an `internal-error` finding. */
  lint(fileName: string, request: LintRequest = {}): FileLint {
    const file = isVirtualPath(fileName) ? fileName : path.resolve(fileName);
    const none: FileLint = { file, kind: undefined, findings: [], elsewhere: [], dependencies: [] };
    const policy = this.policies.forFile(file, request.overrides);
    if (!isVirtualPath(file) && policy.ignored(file)) return none;
    let text = request.text;
    if (text === undefined) {
      const read = this.reader.read(file, policy.maxBytes);
      if (read.status !== 'ok') {
        const kind = request.kind ?? this.kindByName(file, request, policy);
        if (!kind) return none;
        const message = read.status === 'missing' ? texts(this.locale).unreadable : texts(this.locale).tooLarge(policy.maxBytes);
        return {
          ...none,
          kind,
          findings: this.fileProblem(file, read.status === 'missing' ? 'internal-error' : 'file-too-large', message, policy),
        };
      }
      text = read.text;
    }
    const kind =
      request.kind ?? detectKind(this.frontEnds, file, { ...request, text, namedCompose: policy.namedCompose(file), optIn: policy.optIn });
    if (!kind) return none;
    if (overLimit(text, policy.maxBytes)) {
      return { ...none, kind, findings: this.fileProblem(file, 'file-too-large', texts(this.locale).tooLarge(policy.maxBytes), policy) };
    }
    try {
      const owner = isVirtualPath(file) ? undefined : this.ownerOf(file, kind);
      if (owner) return this.lintWithin(owner, { file, kind, text }, request.overrides);
      return this.lintText(file, text, kind, policy, request.session, undefined, request.languageId);
    } catch (error) {
      // Front ends and the engine never throw by contract; if one does, say so instead of passing silently.
      const message = texts(this.locale).failed(error instanceof Error ? error.message : String(error));
      return { ...none, kind, findings: this.fileProblem(file, 'internal-error', message, policy) };
    }
  }

  /** Finds the files to lint under files and folders named on the command line. */
  discover(args: readonly string[], cwd: string, options: { listSkipped?: boolean; overrides?: ConfigOverrides } = {}): DiscoveryResult {
    const result = discoverFiles(args, {
      cwd,
      listSkipped: options.listSkipped,
      files: this.configFiles(),
      config: this.explicit,
      configOf: (dir) => this.policies.configFor(dir),
      kindOf: (file, text, explicit) => this.kindOf(file, { text, explicit }, options.overrides),
    });
    // A file another one found here claims is linted as part of that file's project only (its findings come
    // with that file's lint, as findings elsewhere).
    const claimed = new Set<string>();
    for (const f of result.files) {
      const frontEnd = this.frontEnds.find((e) => e.kind === f.kind);
      const text = frontEnd?.claims ? this.textOf(f.path) : undefined;
      if (text !== undefined) for (const c of frontEnd!.claims!(f.path, text)) if (c !== f.path) claimed.add(c);
    }
    if (claimed.size > 0) result.files = result.files.filter((f) => !claimed.has(f.path));
    return result;
  }

  /**
   * Applies fixes to a fixed point (fixes.ts). With `keep`, the fixed texts stay in this analysis (later lints
   * see them; the CLI writes them); without, they are only returned (the editor applies them as edits).
   */
  fix(files: readonly string[], options: FixOptions & { overrides?: ConfigOverrides; keep?: boolean } = {}): FixOutcome {
    const resolved = files.map((f) => (isVirtualPath(f) ? f : path.resolve(f)));
    const outcome = fixToFixedPoint(resolved, options, {
      lint: (file) => this.lint(file, { overrides: options.overrides, explicit: true }),
      read: (file) => {
        const r = this.reader.read(file, Number.MAX_SAFE_INTEGER);
        return r.status === 'ok' ? r.text : undefined;
      },
      write: (file, text) => this.edited.set(file, text),
      writable: (file) => this.reader.encodingOf(file)?.lossless !== false && this.confinement.allows(file),
      fixEnabled: (file, rule) => this.policies.forFile(file, options.overrides).fixEnabled(rule),
    });
    if (!options.keep) for (const file of outcome.changed.keys()) this.edited.delete(file);
    return outcome;
  }

  /** A file's text as this analysis sees it (fixed texts first, then the overlay, then the disk). */
  textOf(file: string): string | undefined {
    const r = this.reader.read(file, Number.MAX_SAFE_INTEGER);
    return r.status === 'ok' ? r.text : undefined;
  }

  /** A fixed text as the bytes to write: in the encoding the file was read in (its byte-order mark kept). */
  encode(file: string, text: string): Buffer {
    return encodeText(text, this.reader.encodingOf(path.resolve(file))?.encoding ?? 'utf8');
  }

  /** Whether `file` lies inside the folders this analysis may read (and so write). */
  allows(file: string): boolean {
    return this.confinement.allows(file);
  }

  /** `--config`: whether it could be read, and its errors. */
  explicitConfig(): { readable: boolean; errors: ConfigError[] } {
    return { readable: this.explicit !== undefined || !this.options.config, errors: this.explicit?.errors ?? [] };
  }

  /** The errors of a `.dockwarden.yaml` text as findings, where they are written (the editor shows them). */
  configFindings(file: string, text: string): Finding[] {
    return parseConfig(file, text).errors.map((e) => {
      const pos = { line: e.line, character: e.character };
      return { rule: 'config-error', severity: 'error', message: e.message, at: { file, range: { start: pos, end: pos } } };
    });
  }

  /** A file changed (saved, or edited in an open buffer): a config file means every folder looks its config up again. */
  fileChanged(file: string): void {
    if (CONFIG_FILE_NAMES.includes(path.basename(file))) this.policies.clear();
  }

  /** Settings changed: configs are looked up again. */
  settingsChanged(): void {
    this.policies.clear();
  }

  /** The document is closed: its typing state is dropped. */
  closeSession(key: string): void {
    this.sessions.delete(key);
  }

  private lintText(
    file: string,
    text: string,
    kind: string,
    policy: Policy,
    sessionKey: string | undefined,
    given?: { file: string; text: string },
    languageId?: string,
  ): FileLint {
    const frontEnd = this.frontEnds.find((f) => f.kind === kind);
    if (!frontEnd) return { file, kind: undefined, findings: [], elsewhere: [], dependencies: [] };
    const session = sessionKey === undefined ? undefined : this.session(sessionKey, kind);
    const tooLarge: string[] = [];
    const request: LoadRequest = { file, text, files: this.projectFiles(file, text, policy, tooLarge, given) };
    if (languageId) request.languageId = languageId;
    const loaded = frontEnd.load(request, session?.frontEnd);
    const all = projectFindings(loaded.files, policy.engine, policy.rulesKey, session?.findings);
    const findings: Finding[] = [];
    const elsewhere: Finding[] = [];
    for (const problem of tooLarge.length > 0 ? this.dependencyProblems(file, tooLarge, policy) : []) findings.push(problem);
    for (const raw of all) {
      const f = bounded(raw.fix && !policy.fixEnabled(raw.rule) ? withoutFix(raw) : raw);
      (f.at.file === file ? findings : elsewhere).push(f);
    }
    const lint: FileLint = { file, kind, findings, elsewhere, dependencies: loaded.dependencies };
    if (loaded.references?.length) lint.references = loaded.references;
    const spans = loaded.files.find((f) => f.file === file)?.commandSpans;
    if (spans) lint.commandSpans = spans;
    return lint;
  }

  /** The file of another kind whose project claims `file` (FrontEnd.claims), read within the allowed folders. */
  private ownerOf(file: string, kind: string): { file: string; kind: string; text: string } | undefined {
    for (const frontEnd of this.frontEnds) {
      if (!frontEnd.claims || !frontEnd.ownersOf || !frontEnd.claimedKinds?.includes(kind)) continue;
      const subfolders = (dir: string) =>
        this.confinement.allows(dir, path.dirname(file)) ? this.reader.subfolders(dir, MAX_OWNER_FOLDERS) : [];
      for (const candidate of frontEnd.ownersOf(file, subfolders)) {
        if (candidate === file || !this.confinement.allows(candidate, path.dirname(file))) continue;
        const policy = this.policies.forFile(candidate);
        if (policy.ignored(candidate)) continue;
        const r = this.reader.read(candidate, policy.maxBytes);
        if (r.status === 'ok' && frontEnd.claims(candidate, r.text).includes(file))
          return { file: candidate, kind: frontEnd.kind, text: r.text };
      }
    }
    return undefined;
  }

  /**
   * Lints `claimed` as part of its owner's project: the owner's lint (with the claimed file's text as given), its
   * findings split into those in the claimed file and the others.
   */
  private lintWithin(
    owner: { file: string; kind: string; text: string },
    claimed: { file: string; kind: string; text: string },
    overrides?: ConfigOverrides,
  ): FileLint {
    const policy = this.policies.forFile(owner.file, overrides);
    const lint = this.lintText(owner.file, owner.text, owner.kind, policy, undefined, claimed);
    const all = [...lint.findings, ...lint.elsewhere];
    return {
      file: claimed.file,
      kind: claimed.kind,
      findings: all.filter((f) => f.at.file === claimed.file),
      elsewhere: all.filter((f) => f.at.file !== claimed.file),
      dependencies: [owner.file, ...lint.dependencies.filter((f) => f !== claimed.file)],
    };
  }

  private session(key: string, kind: string): { kind: string; frontEnd: FrontEndSession; findings: FindingMemo } {
    let s = this.sessions.get(key);
    if (s) this.sessions.delete(key); // most recently used goes last
    if (!s || s.kind !== kind) s = { kind, frontEnd: {}, findings: new FindingMemo() };
    this.sessions.set(key, s);
    if (this.sessions.size > MAX_SESSIONS) this.sessions.delete(this.sessions.keys().next().value!);
    return s;
  }

  /** What a front end reads of the project: decoded, within the size limit and the allowed folders. */
  private projectFiles(file: string, text: string, policy: Policy, tooLarge: string[], given?: { file: string; text: string }): FileAccess {
    const ownDir = path.dirname(file);
    return {
      readText: (f) => {
        if (f === file) return text;
        if (f === given?.file) return given.text;
        if (!this.confinement.allows(f, ownDir)) return undefined;
        const r = this.reader.read(f, policy.maxBytes);
        if (r.status === 'too-large' || (r.status === 'ok' && overLimit(r.text, policy.maxBytes))) {
          if (!tooLarge.includes(f)) tooLarge.push(f);
          return undefined;
        }
        return r.status === 'ok' ? r.text : undefined;
      },
    };
  }

  /** Config files are looked up through the overlay (open buffers count), within the allowed folders. */
  private configFiles(): ConfigFiles {
    return {
      readText: (f) => {
        if (!this.confinement.allows(f)) return undefined;
        const r = this.reader.read(f, CONFIG_MAX_BYTES);
        return r.status === 'ok' ? r.text : undefined;
      },
      tooLarge: (f) =>
        this.confinement.allows(f) && this.reader.read(f, CONFIG_MAX_BYTES).status === 'too-large' ? CONFIG_MAX_BYTES : undefined,
    };
  }

  private kindByName(file: string, request: LintRequest, policy: Policy): string | undefined {
    return detectKind(this.frontEnds, file, {
      languageId: request.languageId,
      namedCompose: policy.namedCompose(file),
      optIn: policy.optIn,
    });
  }

  private fileProblem(file: string, rule: 'file-too-large' | 'internal-error', message: string, policy: Policy): Finding[] {
    const level = policy.engine.severity?.(rule, file);
    if (level === 'off') return [];
    const at = { file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
    return [{ rule, severity: level ?? (rule === 'internal-error' ? 'error' : 'warning'), message, at }];
  }

  /** A file of the project over the size limit is not read: said at the top of the linted file. */
  private dependencyProblems(file: string, tooLarge: readonly string[], policy: Policy): Finding[] {
    const t = texts(this.locale);
    return tooLarge.flatMap((f) =>
      this.fileProblem(file, 'file-too-large', t.dependencyTooLarge(relativeTo(file, f), policy.maxBytes), policy),
    );
  }
}

/** More than `maxBytes` in UTF-8 (counted only when the length says it may be). */
function overLimit(text: string, maxBytes: number): boolean {
  return text.length > maxBytes || (text.length * 3 > maxBytes && Buffer.byteLength(text, 'utf8') > maxBytes);
}

function withoutFix(f: Finding): Finding {
  const { fix: _dropped, ...rest } = f;
  return rest;
}

/** `other` as seen from `file`'s folder (messages name files the way the user wrote them). */
function relativeTo(file: string, other: string): string {
  const rel = path.relative(path.dirname(file), other);
  return rel.startsWith('..') || path.isAbsolute(rel) ? other : rel.split(path.sep).join('/');
}
