import type {
  ContainerSpec,
  EnvEntry,
  ListValue,
  MappingSlot,
  Mount,
  MountType,
  PortBinding,
  Range,
  ShellCommand,
  ShellWord,
  Source,
  TextEdit,
  Val,
} from '../../../shared-rules/src/model';
import { noSettings } from '../../../shared-rules/src/model';
import type { ShellTrees } from '../shell/mvdan';
import type { LineIndex } from '../shell/text';
import { findInvocation, type ArgvWord, type FlagUse, type Invocation } from './argv';
import { pushAll } from '../../../shared-rules/src/bounds';

/**
 * `docker run` / `create` flags → the container model. Every value carries the range of its flag with its value
 * (the image: its word); a missing setting is reported at the program and subcommand words (`docker run`).
 * Edits are minimal: removing a flag removes its word(s) and one blank (a flag alone on a continued line: the
 * whole line, so the other lines and their backslashes stay as they are); replacing a value rewrites only its
 * characters (inside its quotes); a missing flag is inserted right after the subcommand (`docker run --pids-limit
 * 200 ...`), on the same line.
 *
 * Values: a word without expansions is literal. In others `~`, `$HOME`, `${HOME}`, `$(HOME)` become the home folder
 * (`~`) and `$PWD`, `${PWD}`, `$(pwd)`, `` `pwd` ``, `$GITHUB_WORKSPACE`, `$CI_PROJECT_DIR` the project (`.`); any other
 * expansion leaves the value unknown, and rules never fire on unknown values.
 */

export interface CommandContext {
  file: string;
  /** The whole file's text and positions. */
  index: LineIndex;
  /** Shell trees kept between lints by the front end. */
  trees?: ShellTrees;
  /** A flag alone on its line may be removed with its line even without a continuation backslash (the lines of
   * a YAML `options: >-` block are words of one string). */
  lineWords?: boolean;
  /** Words `from`..`to` are all of a YAML entry's value (`options: --privileged`): removing all of them removes the
   * entry instead of leaving it empty. */
  entry?: { from: number; to: number; remove(): TextEdit[] };
  /** The words are items of a list (a devcontainer's `runArgs`): the source removes words `from..to` (indexes as
   * `containerOfFlags` numbers them, 0 and 1 being the made-up `docker create`); undefined when it cannot. */
  removeWords?(from: number, to: number): TextEdit[] | undefined;
}

/** A word of the command with its file offsets. */
interface Word extends ArgvWord {
  shell: ShellWord;
  /** File offsets of the word as written (quotes included), or -1. */
  start: number;
  end: number;
}

/** The docker run containers of one parsed shell command; undefined when it is not an invocation. */
export function containerOfCommand(cmd: ShellCommand, ctx: CommandContext): ContainerSpec | undefined {
  const words = cmd.words.map((w) => toWord(w, ctx));
  const inv = findInvocation(words);
  if (!inv || inv.help) return undefined;
  return buildContainer(words, inv, ctx);
}

/** The words of a command whose first word is not the program (GitHub Actions `options:`): read as flags. */
export function containerOfFlags(
  flagWords: readonly ShellWord[],
  ctx: CommandContext,
  base: { name: string; declaration: Source; extent: Range; image?: Val; mapping?: MappingSlot },
): ContainerSpec {
  const words: Word[] = [
    { text: 'docker', literal: true, start: -1, end: -1, shell: fakeWord(ctx, base.declaration) },
    { text: 'create', literal: true, start: -1, end: -1, shell: fakeWord(ctx, base.declaration) },
    ...flagWords.map((w) => toWord(w, ctx)),
  ];
  const inv = findInvocation(words)!;
  // There is no image word: every word is a flag (or an unknown one).
  const c = buildContainer(words, inv, ctx, true);
  c.name = base.name;
  c.declaration = base.declaration;
  c.extent = base.extent;
  c.image = base.image;
  c.mapping = base.mapping;
  return c;
}

function fakeWord(ctx: CommandContext, at: Source): ShellWord {
  return { text: '', literal: true, source: { file: ctx.file, range: at.range } };
}

function toWord(w: ShellWord, ctx: CommandContext): Word {
  // A word the source made up (GitHub Actions' `-v` before a `volumes:` item) has no text in the file.
  if ((w as { synthetic?: boolean }).synthetic) return { text: w.text, literal: true, start: -1, end: -1, shell: w };
  const start = ctx.index.offsetAt(w.source.range.start);
  const end = ctx.index.offsetAt(w.source.range.end);
  const first = ctx.index.text[start];
  return { text: w.text, literal: w.literal, quoted: first === '"' || first === "'", start, end, shell: w };
}

const HOME = /\$\{HOME\}|\$HOME(?![A-Za-z0-9_])|\$\(HOME\)|\$\{localEnv:HOME\}/g;
const PROJECT =
  /\$\{PWD\}|\$PWD(?![A-Za-z0-9_])|\$\(pwd\)|`pwd`|\$\{GITHUB_WORKSPACE\}|\$GITHUB_WORKSPACE(?![A-Za-z0-9_])|\$\{CI_PROJECT_DIR\}|\$CI_PROJECT_DIR(?![A-Za-z0-9_])|\$\(CURDIR\)/g;

/** A word's text as a value: literal, or with the home / project spellings resolved, else unknown. */
export function resolveValue(text: string, literal: boolean): { value: string; known: boolean } {
  if (literal) return { value: text, known: true };
  const value = text.replace(HOME, '~').replace(PROJECT, '.');
  return { value, known: !/[$`]/.test(value) };
}

const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

class Builder {
  constructor(
    private readonly words: Word[],
    private readonly inv: Invocation,
    private readonly ctx: CommandContext,
  ) {}

  range(from: number, to: number): Range {
    return this.ctx.index.range(from, to);
  }

  /** The flag with its value, as written. */
  flagSource(f: FlagUse): Source {
    const first = this.words[f.index];
    const last = this.words[f.valueIndex ?? f.index];
    if (first.start < 0 || last.end < 0) return { file: this.ctx.file, range: first.shell.source.range };
    return { file: this.ctx.file, range: this.range(first.start, Math.max(last.end, first.start)) };
  }

  /** The value of a flag as a Val (source: the flag with its value). */
  val(f: FlagUse, source = this.flagSource(f)): Val | undefined {
    if (f.valueIndex === undefined || f.value === undefined) return undefined;
    const word = this.words[f.valueIndex];
    const start = f.valueStart ?? 0;
    const text = word.text.slice(start);
    const { value, known } = resolveValue(text, word.literal);
    const v: Val = { value, known, source };
    if (!word.literal) v.raw = text;
    v.replace = (next) => {
      const range = word.shell.rangeOf?.(start, word.text.length);
      // Only characters that mean the same in any quoting; the expansions of the written text stay as they are.
      const safe = /^[\w.:,/[\]@-]*$/.test(next) || (!word.literal && next.includes(text) && /^[\w.:,/[\]@${}-]*$/.test(next));
      return range && safe ? [{ file: this.ctx.file, range, newText: next }] : [];
    };
    v.removeEntry = () => this.removeFlag(f) ?? [];
    return v;
  }

  /** A boolean flag's value: `true` unless written `=false` (pflag's spellings). */
  bool(f: FlagUse): Val {
    const source = this.flagSource(f);
    const written = f.valueIndex === undefined ? 'true' : (f.value ?? '');
    const word = this.words[f.valueIndex ?? f.index];
    const known = f.valueIndex === undefined || word.literal;
    const value = TRUE.has(written) ? 'true' : FALSE.has(written) ? 'false' : written;
    return { value, known, source, removeEntry: () => this.removeFlag(f) ?? [] };
  }

  /** Edits that remove a whole-word flag with its value word. */
  removeFlag(f: FlagUse): TextEdit[] | undefined {
    if (!f.wholeWord) return undefined;
    return this.removeWords(f.index, f.valueIndex ?? f.index);
  }

  removeWords(from: number, to: number): TextEdit[] | undefined {
    if (this.ctx.removeWords) return this.ctx.removeWords(from, to);
    const entry = this.ctx.entry;
    if (entry && from <= entry.from && to >= entry.to) return entry.remove();
    const first = this.words[from];
    const last = this.words[to];
    if (!first || !last || first.start < 0 || last.end < 0 || last.end < first.start) return undefined;
    const text = this.ctx.index.text;
    const startPos = this.ctx.index.positionAt(first.start);
    const endPos = this.ctx.index.positionAt(last.end);
    const lineStart = this.ctx.index.lineStart(startPos.line);
    const lineEnd = this.ctx.index.lineEnd(endPos.line);
    const before = text.slice(lineStart, first.start);
    const after = text.slice(last.end, lineEnd);
    const nextLine = endPos.line + 1 < this.ctx.index.lineCount ? this.ctx.index.lineStart(endPos.line + 1) : undefined;
    if (/^[ \t]*$/.test(before) && nextLine !== undefined && (/^[ \t]*\\$/.test(after) || (this.ctx.lineWords && /^[ \t]*$/.test(after)))) {
      // Alone on a continued line: the line goes, the others keep their backslashes.
      return [{ file: this.ctx.file, range: this.range(lineStart, nextLine), newText: '' }];
    }
    let start = first.start;
    let end = last.end;
    const blank = (c: string | undefined) => c === ' ' || c === '\t';
    if (blank(text[end])) end++;
    else if (blank(text[start - 1])) start--;
    return [{ file: this.ctx.file, range: this.range(start, end), newText: '' }];
  }

  /** Inserts ` <flag text>` right after the subcommand word. */
  insertFlag(flagText: string): TextEdit[] {
    const sub = this.words[this.inv.subcommandIndex];
    if (sub.end < 0) return [];
    const at = this.ctx.index.positionAt(sub.end);
    return [{ file: this.ctx.file, range: { start: at, end: at }, newText: ` ${flagText}` }];
  }

  list(f: FlagUse): ListValue[] {
    const v = this.val(f);
    if (!v) return [];
    const remove = () => this.removeFlag(f) ?? [];
    if (!v.known) return [{ value: v.value, known: false, source: v.source, remove }];
    return v.value
      .split(',')
      .filter((p) => p.trim() !== '')
      .map((p) => ({ value: p.trim(), known: true, source: v.source, remove }));
  }
}

/** Compose keys (as the rules' fixes name them) → the docker run flag that carries the setting. */
const FLAG_FOR_KEY: Record<string, (value: string) => string | undefined> = {
  pids_limit: (v) => `--pids-limit ${v}`,
  mem_limit: (v) => `--memory ${v}`,
  cpus: (v) => `--cpus ${v}`,
  read_only: (v) => (v === 'true' ? '--read-only' : undefined),
  cap_drop: (v) => (v === '[ALL]' ? '--cap-drop ALL' : undefined),
  security_opt: (v) => (/no-new-privileges/.test(v) ? '--security-opt no-new-privileges' : undefined),
  network_mode: (v) => (/^[\w-]+$/.test(v) ? `--network ${v}` : undefined),
};

type FlagReader = (c: ContainerSpec, b: Builder, f: FlagUse) => void;

/** A removable list item from a valued flag (`--security-opt`, `--device`). */
function removableVal(b: Builder, f: FlagUse): ListValue | undefined {
  const v = b.val(f);
  return v && { value: v.value, known: v.known, source: v.source, remove: () => b.removeFlag(f) ?? [] };
}

/** `docker run` flags (long names) → the container-model field each sets; flags not listed change nothing. */
const FLAG_READERS: Record<string, FlagReader> = {
  volume: (c, b, f) => pushDefined(c.mounts, volumeMount(b, f)),
  mount: (c, b, f) => pushDefined(c.mounts, longMount(b, f)),
  'use-api-socket': (c, b, f) => {
    const v = b.bool(f);
    if (v.value !== 'true') return;
    const host: Val = { value: '/var/run/docker.sock', known: true, source: v.source };
    c.mounts.push({ syntax: 'long', type: 'bind', hostPath: host, readOnly: false, source: v.source, remove: () => b.removeFlag(f) ?? [] });
  },
  publish: (c, b, f) => pushDefined(c.ports, portBinding(b, f)),
  'publish-all': (c, b, f) => {
    const v = b.bool(f);
    if (v.value !== 'true' || !v.known) return;
    const containerPort: Val = { value: '', known: false, source: v.source };
    c.ports.push({ syntax: 'publish-all', containerPort, source: v.source, remove: () => b.removeFlag(f) ?? [] });
  },
  network: (c, b, f) => (c.networkMode = b.val(f)),
  net: (c, b, f) => (c.networkMode = b.val(f)),
  pid: (c, b, f) => (c.pid = b.val(f)),
  ipc: (c, b, f) => (c.ipc = b.val(f)),
  uts: (c, b, f) => (c.uts = b.val(f)),
  userns: (c, b, f) => (c.usernsMode = b.val(f)),
  privileged: (c, b, f) => (c.privileged = b.bool(f)),
  'read-only': (c, b, f) => (c.readOnly = b.bool(f)),
  user: (c, b, f) => (c.user = b.val(f)),
  'cap-add': (c, b, f) => pushAll(c.capAdd, b.list(f)),
  'cap-drop': (c, b, f) => pushAll(c.capDrop, b.list(f)),
  'security-opt': (c, b, f) => pushDefined(c.securityOpt, removableVal(b, f)),
  device: (c, b, f) => pushDefined(c.devices, removableVal(b, f)),
  'log-driver': (c, b, f) => (c.loggingDriver = b.val(f)),
  'pids-limit': (c, b, f) => (c.limits.pidsLimit = b.val(f)),
  memory: (c, b, f) => (c.limits.memLimit = b.val(f)),
  cpus: (c, b, f) => (c.limits.cpus = b.val(f)),
  'cpu-quota': (c, b, f) => (c.limits.cpuQuota = b.val(f)),
  env: (c, b, f) => pushDefined(c.environment, envEntry(b, f)),
};

function pushDefined<T>(list: T[], item: T | undefined): void {
  if (item) list.push(item);
}

function buildContainer(words: Word[], inv: Invocation, ctx: CommandContext, flagsOnly = false): ContainerSpec {
  const b = new Builder(words, inv, ctx);
  const c = emptyContainer(words, inv, ctx, b);
  let name: string | undefined;
  for (const f of inv.flags) {
    if (!f.spec) continue;
    if (f.spec.long === 'name') {
      const v = b.val(f);
      if (v?.known) name = v.value;
    } else if (Object.hasOwn(FLAG_READERS, f.spec.long)) FLAG_READERS[f.spec.long](c, b, f);
  }
  lastUseWins(c, inv, b);
  if (inv.opaque.length > 0) hideMissing(c, words[inv.opaque[0]].shell.source);
  if (!flagsOnly && inv.imageIndex !== undefined) {
    const w = words[inv.imageIndex];
    const { value, known } = resolveValue(w.text, w.literal);
    c.image = { value, known, source: w.shell.source, ...(w.literal ? {} : { raw: w.text }) };
  }
  c.name = name ?? (c.image?.known ? c.image.value : c.name);
  return c;
}

/** The container of a command line before its flags are read: declared at `docker run`, spanning the command. */
function emptyContainer(words: Word[], inv: Invocation, ctx: CommandContext, b: Builder): ContainerSpec {
  const program = words[inv.programIndex];
  const sub = words[inv.subcommandIndex];
  const lastWord = words[words.length - 1];
  const declaration: Source = {
    file: ctx.file,
    range: program.start >= 0 && sub.end >= 0 ? b.range(program.start, sub.end) : program.shell.source.range,
  };
  const extent = program.start >= 0 && lastWord.end >= 0 ? b.range(program.start, lastWord.end) : declaration.range;
  return {
    origin: 'docker-run',
    name: `${inv.engine} ${inv.subcommand}`,
    file: ctx.file,
    declaration,
    extent,
    mapping: { addEntry: (key, value) => (FLAG_FOR_KEY[key]?.(value) ? b.insertFlag(FLAG_FOR_KEY[key](value)!) : []) },
    ...noSettings(),
  };
}

/**
 * The last of repeated single-valued flags wins (`--privileged ... --privileged`): removing the setting removes
 * every use of the flag, or the earlier one would still hold.
 */
function lastUseWins(c: ContainerSpec, inv: Invocation, b: Builder): void {
  for (const [names, v] of [
    [['network', 'net'], c.networkMode],
    [['pid'], c.pid],
    [['ipc'], c.ipc],
    [['uts'], c.uts],
    [['userns'], c.usernsMode],
    [['privileged'], c.privileged],
  ] as const) {
    const uses = inv.flags.filter((f) => f.spec && (names as readonly string[]).includes(f.spec.long));
    if (!v || uses.length < 2) continue;
    v.removeEntry = () => {
      const edits = uses.map((f) => b.removeFlag(f));
      return edits.every((e) => e && e.length > 0) ? edits.flatMap((e) => e!) : [];
    };
  }
}

/** Flags nobody can see (`$DOCKER_OPTS`) may set anything: a missing-setting rule must not fire. */
function hideMissing(c: ContainerSpec, at: Source): void {
  const unknown = (): Val => ({ value: '', known: false, source: at });
  c.limits.pidsLimit ??= unknown();
  c.limits.memLimit ??= unknown();
  c.limits.cpus ??= unknown();
  c.readOnly ??= unknown();
  c.capDrop.push({ value: '', known: false, source: at });
  c.securityOpt.push({ value: '', known: false, source: at });
  c.networkMode ??= unknown();
}

/** `-v SRC:DST[:OPTS]`, `-v DST` (anonymous volume). */
function volumeMount(b: Builder, f: FlagUse): Mount | undefined {
  const scalar = b.val(f);
  if (!scalar) return undefined;
  const source = scalar.source;
  const remove = () => b.removeFlag(f) ?? [];
  if (!scalar.known) {
    return {
      syntax: 'short',
      type: 'unknown',
      hostPath: { value: '', known: false, source },
      readOnly: /:ro(,|$)/.test(scalar.value),
      scalar,
      source,
      remove,
    };
  }
  const parts = scalar.value.split(':');
  // A Windows drive (`C:\data:/data`) is the host path with its colon.
  if (parts.length >= 3 && /^[A-Za-z]$/.test(parts[0]) && /^[\\/]/.test(parts[1])) parts.splice(0, 2, `${parts[0]}:${parts[1]}`);
  const mk = (value: string): Val => ({ value, known: true, source });
  if (parts.length === 1) {
    return { syntax: 'short', type: 'volume', target: mk(parts[0]), readOnly: false, scalar, source, remove };
  }
  const [host, target, opts = ''] = parts;
  const options = opts.split(',');
  const type: MountType = /^[/.~]/.test(host) || /^[A-Za-z]:[\\/]/.test(host) ? 'bind' : 'volume';
  const propagation = options.find((o) => /^r?(shared|slave|private)$/.test(o));
  return {
    syntax: 'short',
    type,
    hostPath: mk(host),
    target: mk(target),
    readOnly: options.includes('ro') || options.includes('readonly'),
    ...(propagation ? { propagation: mk(propagation) } : {}),
    scalar,
    source,
    remove,
  };
}

/** `--mount type=bind,source=/x,target=/y[,readonly][,bind-propagation=shared]`. */
function longMount(b: Builder, f: FlagUse): Mount | undefined {
  const v = b.val(f);
  if (!v) return undefined;
  const source = v.source;
  const remove = () => b.removeFlag(f) ?? [];
  if (!v.known) return { syntax: 'long', type: 'unknown', hostPath: { value: '', known: false, source }, readOnly: false, source, remove };
  const fields = new Map<string, string>();
  for (const part of v.value.split(',')) {
    const eq = part.indexOf('=');
    const key = (eq >= 0 ? part.slice(0, eq) : part).trim().toLowerCase();
    fields.set(key, eq >= 0 ? part.slice(eq + 1).trim() : 'true');
  }
  const get = (...keys: string[]) => keys.map((k) => fields.get(k)).find((x) => x !== undefined);
  const typeText = (get('type') ?? 'volume').toLowerCase();
  const type: MountType = (['bind', 'volume', 'tmpfs', 'npipe', 'cluster', 'image'] as const).find((t) => t === typeText) ?? 'unknown';
  const host = get('source', 'src');
  const target = get('target', 'dst', 'destination');
  const ro = get('readonly', 'ro');
  const propagation = get('bind-propagation');
  const mk = (value: string): Val => ({ value, known: true, source });
  const mount: Mount = {
    syntax: 'long',
    type,
    readOnly: ro !== undefined && /^(true|1)$/i.test(ro),
    source,
    remove,
    ...(host !== undefined ? { hostPath: mk(host) } : {}),
    ...(target !== undefined ? { target: mk(target) } : {}),
    ...(propagation ? { propagation: mk(propagation) } : {}),
  };
  // `read_only: true` (sensitive-host-mount's fix) → append `,readonly` to the value.
  if (ro === undefined) {
    mount.mapping = {
      addEntry: (key, value) => {
        if (key !== 'read_only' || value !== 'true') return [];
        return v.replace?.(`${v.raw ?? v.value},readonly`) ?? [];
      },
    };
  }
  return mount;
}

/** `-p [IP:][HOST:]CONT[/proto]`, `-p [::1]:80:80`. */
function portBinding(b: Builder, f: FlagUse): PortBinding | undefined {
  const scalar = b.val(f);
  if (!scalar) return undefined;
  const source = scalar.source;
  const remove = () => b.removeFlag(f) ?? [];
  const mk = (value: string): Val => ({ value, known: true, source });
  if (!scalar.known) return { syntax: 'short', containerPort: { value: '', known: false, source }, scalar, source, remove };
  let text = scalar.value.trim();
  let protocol: string | undefined;
  const slash = text.lastIndexOf('/');
  if (slash >= 0) {
    protocol = text.slice(slash + 1);
    text = text.slice(0, slash);
  }
  let ip: string | undefined;
  let rest = text;
  if (text.startsWith('[')) {
    const close = text.indexOf(']:');
    if (close < 0) return { syntax: 'short', containerPort: mk(text), scalar, source, remove };
    ip = text.slice(1, close);
    rest = text.slice(close + 2);
  }
  const parts = rest.split(':');
  let host: string | undefined;
  let container: string;
  if (ip !== undefined) {
    if (parts.length === 1) container = parts[0];
    else [host, container] = [parts[0], parts.slice(1).join(':')];
  } else if (parts.length === 1) {
    container = parts[0];
  } else if (parts.length === 2) {
    [host, container] = parts;
  } else {
    ip = parts.slice(0, parts.length - 2).join(':');
    host = parts[parts.length - 2];
    container = parts[parts.length - 1];
  }
  return {
    syntax: 'short',
    ...(ip !== undefined ? { hostIp: mk(ip) } : {}),
    ...(host ? { hostPort: mk(host) } : {}),
    containerPort: mk(container),
    ...(protocol ? { protocol } : {}),
    scalar,
    source,
    remove,
  };
}

/** `-e NAME=value`, `-e NAME` (passed from the environment). */
function envEntry(b: Builder, f: FlagUse): EnvEntry | undefined {
  const v = b.val(f);
  if (!v) return undefined;
  const text = v.raw ?? v.value;
  const eq = text.indexOf('=');
  const name = eq >= 0 ? text.slice(0, eq) : text;
  if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) return undefined;
  const remove = () => b.removeFlag(f) ?? [];
  if (eq < 0) return { name, interpolated: false, kind: 'environment', source: v.source, remove };
  const valueText = text.slice(eq + 1);
  const interpolated = /[$`]/.test(valueText);
  const value: Val = { value: interpolated ? '' : valueText, known: !interpolated, source: v.source };
  return { name, value, interpolated, kind: 'environment', source: v.source, remove };
}
