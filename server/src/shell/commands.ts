import type { ShellAssignment, ShellCommand, ShellWord, TextEdit } from '../../../shared-rules/src/model';
import { baseName, commandIndex, isShellName } from '../../../shared-rules/src/shell';
import { pushAll } from '../../../shared-rules/src/bounds';
import { eachChild, isNil, list, nodeType, parseBash, syntaxErrorAt, type GoNode, type ShellTrees } from './mvdan';
import type { LineIndex, MappedText } from './text';

/**
 * The shell layer: parses RUN scripts with mvdan-sh (a full bash parser, loaded only when a Dockerfile has a
 * RUN) into simple commands whose words carry their unquoted text and their ranges in the Dockerfile.
 * Commands inside `$(...)`, backticks and `<(...)` are found too and know which command consumes their output;
 * `sh -c '<script>'` arguments and heredoc scripts are parsed again (bounded depth).
 */

// Go token values of mvdan.cc/sh/v3/syntax (BinCmdOperator / RedirOperator).
const OP_PIPE = 12;
const OP_PIPE_ALL = 13;
const OP_DASH_HDOC = 62;

/** Raw word text without quotes, escapes, expansions or globs-with-braces: its text is itself. */
const PLAIN_WORD = /^[^'"\\$`{}]*$/;
/** Raw text that may hold a command or process substitution. */
const SUBSTITUTION = /\$\(|`|[<>]\(/;

/** `sh -c '...'` inside `sh -c '...'` inside ...: re-parse at most this deep. */
const MAX_NESTED = 3;
/** Statement nesting beyond this is not analysed (never recurse without bound): an `analysis-limit` finding. */
export const MAX_DEPTH = 200;

/** What parseShellScript returns when the script nests deeper than it analyses (never a silent pass). */
export const TOO_DEEP = 'too-deep' as const;

export interface ShellContext {
  file: string;
  index: LineIndex;
  /** Trees kept between lints by the front end (none: every script is parsed). */
  trees?: ShellTrees;
}

/** A word as parsed, before it becomes a ShellWord: unquoted text, with each unit's file offset (or -1). */
export interface WordInfo {
  text: string;
  offsets: number[];
  literal: boolean;
  /** Contains `$(...)`, backticks or `<(...)`: its text is not the value the command sees. */
  hasSubstitution: boolean;
  /** File offsets of the word as written (quotes included); -1 when not written in the file. */
  start: number;
  end: number;
}

/** An assignment as parsed: its value word and the file offsets of the whole `NAME=value`. */
interface AssignInfo {
  name: string;
  value: WordInfo;
  append: boolean;
  start: number;
  end: number;
}

/** `export "A=1"`: the word (quotes removed) is an assignment too. */
function quotedAssignment(word: WordInfo): AssignInfo | undefined {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/.exec(word.text);
  if (!m || !word.literal) return undefined;
  const from = m[0].length;
  const offsets = word.offsets.slice(from);
  const at = offsets.find((o) => o >= 0) ?? word.end;
  return {
    name: m[1],
    value: { text: word.text.slice(from), offsets, literal: true, hasSubstitution: false, start: at, end: word.end },
    append: m[2] === '+',
    start: word.start,
    end: word.end,
  };
}

/** A word with its raw script text (to skip looking for substitutions where there can be none). */
interface ParsedWord extends WordInfo {
  raw: string;
}

class Abort extends Error {}

/**
 * Parses a shell script. Undefined when it is not valid shell (the build would fail: rules fire on nothing);
 * TOO_DEEP when it nests too deeply to analyse (the parser's own recursion included).
 */
export function parseShellScript(src: MappedText, ctx: ShellContext, nested = 0): ShellCommand[] | typeof TOO_DEEP | undefined {
  const r = parseShellCommands(src, ctx, nested);
  return r.commands ?? (r.error.tooDeep ? TOO_DEEP : undefined);
}

/**
 * Parses a shell script; on failure says why: the parser's message and the line of `src.text` (1-based) it
 * names, when it names one.
 */
export function parseShellCommands(
  src: MappedText,
  ctx: ShellContext,
  nested = 0,
):
  { commands: ShellCommand[]; error?: undefined } | { commands?: undefined; error: { line?: number; message: string; tooDeep?: boolean } } {
  const out: ShellCommand[] = [];
  try {
    new Walker(src, ctx, nested, out).script();
    return { commands: out };
  } catch (error) {
    if (error instanceof Abort) return { error: { message: 'statements nested too deeply', tooDeep: true } };
    const at = syntaxErrorAt(error);
    if (at) return { error: at };
    if (error instanceof RangeError) return { error: { message: 'nested too deeply', tooDeep: true } };
    return { error: { message: error instanceof Error ? error.message : 'shell syntax error' } };
  }
}

/** A nested script (`sh -c '...'`, a heredoc) that nests too deeply makes its whole RUN too deep. */
function nestedCommands(src: MappedText, ctx: ShellContext, nested: number): ShellCommand[] | undefined {
  const commands = parseShellScript(src, ctx, nested);
  if (commands === TOO_DEEP) throw new Abort();
  return commands;
}

/** The commands of an exec-form RUN: one command, plus the script of `["sh", "-c", "..."]`. */
export function execFormCommands(words: WordInfo[], ctx: ShellContext): ShellCommand[] | typeof TOO_DEEP {
  if (words.length === 0) return [];
  const out: ShellCommand[] = [];
  const command = makeCommand(words, ctx, undefined, [], true);
  command.pipeline = [command];
  out.push(command);
  try {
    appendNestedScript(words, ctx, 0, out);
  } catch (error) {
    if (error instanceof Abort) return TOO_DEEP;
    throw error;
  }
  return out;
}

class Walker {
  private readonly byteToIndex: Int32Array;
  private depth = 0;

  constructor(
    private readonly src: MappedText,
    private readonly ctx: ShellContext,
    private readonly nested: number,
    private readonly out: ShellCommand[],
  ) {
    this.byteToIndex = byteIndex(src.text);
  }

  script(): void {
    this.stmts((this.ctx.trees ? this.ctx.trees.parse(this.src.text) : parseBash(this.src.text)).Stmts, undefined);
  }

  /** Script index of a Go byte offset. */
  private at(offset: number): number {
    return this.byteToIndex[Math.min(Math.max(offset, 0), this.byteToIndex.length - 1)];
  }

  private stmts(stmts: unknown, sub: ShellCommand['substitution']): void {
    for (const s of list(stmts)) this.stmt(s, sub);
  }

  private stmt(s: GoNode, sub: ShellCommand['substitution'], pipeline?: ShellCommand[]): void {
    if (isNil(s)) return;
    if (++this.depth > MAX_DEPTH) throw new Abort();
    const alone = isNil(s.Cmd);
    const made = alone ? undefined : this.command(s.Cmd, sub, pipeline);
    for (const r of list(s.Redirs)) {
      this.substitutions(r.Word, made);
      if (isNil(r.Hdoc)) continue;
      if (heredocIsScript(made, alone)) this.heredocScript(r);
      else this.substitutions(r.Hdoc, made);
    }
    this.depth--;
  }

  private command(cmd: GoNode, sub: ShellCommand['substitution'], pipeline?: ShellCommand[]): ShellCommand | undefined {
    switch (nodeType(cmd)) {
      case 'CallExpr':
        return this.callExpr(cmd, sub, pipeline);
      case 'BinaryCmd': {
        if (cmd.Op === OP_PIPE || cmd.Op === OP_PIPE_ALL) {
          const elements: GoNode[] = [];
          this.flattenPipeline(cmd, elements);
          const list: ShellCommand[] = [];
          for (const e of elements) this.stmt(e, sub, list);
        } else {
          this.stmt(cmd.X, sub);
          this.stmt(cmd.Y, sub);
        }
        return undefined;
      }
      case 'Subshell':
      case 'Block':
        this.stmts(cmd.Stmts, sub);
        return undefined;
      case 'IfClause':
        this.stmts(cmd.Cond, sub);
        this.stmts(cmd.Then, sub);
        if (!isNil(cmd.Else)) this.command(cmd.Else, sub);
        return undefined;
      case 'WhileClause':
        this.stmts(cmd.Cond, sub);
        this.stmts(cmd.Do, sub);
        return undefined;
      case 'ForClause':
        if (nodeType(cmd.Loop) === 'WordIter') for (const w of list(cmd.Loop.Items)) this.substitutions(w, undefined);
        this.stmts(cmd.Do, sub);
        return undefined;
      case 'CaseClause':
        this.substitutions(cmd.Word, undefined);
        for (const item of list(cmd.Items)) this.stmts(item.Stmts, sub);
        return undefined;
      case 'FuncDecl':
        this.stmt(cmd.Body, sub);
        return undefined;
      case 'TimeClause':
      case 'CoprocClause':
        this.stmt(cmd.Stmt, sub);
        return undefined;
      case 'DeclClause':
        return this.declClause(cmd, sub, pipeline);
      default:
        // let / [[ ]] / (( )): only their substitutions run commands.
        this.substitutionsBelow(cmd);
        return undefined;
    }
  }

  /** A simple command (`A=1 curl -k …`); `A=1` alone sets a shell variable, not a command's environment. */
  private callExpr(cmd: GoNode, sub: ShellCommand['substitution'], pipeline?: ShellCommand[]): ShellCommand | undefined {
    const args = list(cmd.Args);
    const assigns = list(cmd.Assigns);
    if (args.length === 0) {
      for (const a of assigns) this.substitutions(a.Value, undefined);
      return undefined;
    }
    const infos = args.map((w) => this.word(w));
    const assignments: AssignInfo[] = [];
    for (const a of assigns) {
      const info = this.assignment(a);
      if (info) assignments.push(info);
    }
    const command = makeCommand(infos, this.ctx, sub, assignments);
    this.join(command, pipeline);
    // Substitutions run before the command that uses their output.
    for (const a of assigns) this.substitutions(a.Value, command);
    args.forEach((w, i) => {
      if (SUBSTITUTION.test(infos[i].raw)) this.substitutions(w, command, true);
    });
    this.out.push(command);
    appendNestedScript(infos, this.ctx, this.nested, this.out);
    return command;
  }

  /** `export A=1 B`, `declare -x C=2`: a command whose words are the keyword and its other operands. */
  private declClause(cmd: GoNode, sub: ShellCommand['substitution'], pipeline?: ShellCommand[]): ShellCommand {
    const words: WordInfo[] = [this.literal(cmd.Variant)];
    const assignments: AssignInfo[] = [];
    for (const a of list(cmd.Args)) {
      if (!a.Naked) {
        const info = this.assignment(a);
        if (info) assignments.push(info);
      } else if (!isNil(a.Name)) {
        words.push(this.literal(a.Name));
      } else if (!isNil(a.Value)) {
        // `-x`, or a quoted `"A=1"`, which export reads as an assignment too.
        const word = this.word(a.Value);
        const quoted = quotedAssignment(word);
        if (quoted) assignments.push(quoted);
        else words.push(word);
      }
    }
    const command = makeCommand(words, this.ctx, sub, assignments);
    this.join(command, pipeline);
    for (const a of list(cmd.Args)) this.substitutions(a.Value, undefined);
    this.out.push(command);
    return command;
  }

  /** Puts a new command in its pipeline (or one of its own). */
  private join(command: ShellCommand, pipeline: ShellCommand[] | undefined): void {
    if (pipeline) {
      command.pipeline = pipeline;
      command.pipelineIndex = pipeline.length;
      pipeline.push(command);
    } else {
      command.pipeline = [command];
    }
  }

  /** `NAME=value` / `NAME+=value` / `NAME=`; undefined for arrays and indexed elements (never in an environment). */
  private assignment(a: GoNode): AssignInfo | undefined {
    if (isNil(a.Name) || !isNil(a.Array) || !isNil(a.Index)) return undefined;
    const start = this.at(a.Pos().Offset());
    const end = this.at(a.End().Offset());
    let value: WordInfo;
    if (isNil(a.Value)) {
      const at = fileOffset(this.src, start, end, 'end');
      value = { text: '', offsets: [], literal: true, hasSubstitution: false, start: at, end: at };
    } else {
      value = this.word(a.Value);
    }
    return {
      name: String(a.Name.Value),
      value,
      append: !!a.Append,
      start: fileOffset(this.src, start, end, 'start'),
      end: fileOffset(this.src, start, end, 'end'),
    };
  }

  /** A `*syntax.Lit` (a keyword or a name) as a word. */
  private literal(lit: GoNode): WordInfo {
    const start = this.at(lit.Pos().Offset());
    const end = this.at(lit.End().Offset());
    return {
      text: this.src.text.slice(start, end),
      offsets: this.src.offsets.slice(start, end),
      literal: true,
      hasSubstitution: false,
      start: fileOffset(this.src, start, end, 'start'),
      end: fileOffset(this.src, start, end, 'end'),
    };
  }

  private flattenPipeline(cmd: GoNode, into: GoNode[]): void {
    for (const side of [cmd.X, cmd.Y] as GoNode[]) {
      if (isNil(side)) continue;
      const inner = side.Cmd;
      const isPipe =
        !side.Negated &&
        list(side.Redirs).length === 0 &&
        nodeType(inner) === 'BinaryCmd' &&
        (inner.Op === OP_PIPE || inner.Op === OP_PIPE_ALL);
      if (isPipe) this.flattenPipeline(inner, into);
      else into.push(side);
    }
  }

  /**
   * Finds `$(...)`, backticks and `<(...)` in a word (also inside double quotes and `${X:-...}`); their
   * commands feed `parent`. Walks the parts by hand: mvdan-sh's generic Walk converts every node between
   * Go and JS and is several times slower than the parse itself.
   */
  private substitutions(word: GoNode | undefined, parent: ShellCommand | undefined, checked = false): void {
    if (isNil(word) || (!checked && !SUBSTITUTION.test(this.rawText(word!)))) return;
    for (const part of list(word!.Parts)) this.partSubstitutions(part, parent);
  }

  private partSubstitutions(part: GoNode, parent: ShellCommand | undefined): void {
    switch (nodeType(part)) {
      case 'CmdSubst':
      case 'ProcSubst': {
        const kind = nodeType(part) === 'CmdSubst' ? 'command' : 'process';
        this.stmts(part.Stmts, parent ? { kind, parent } : undefined);
        return;
      }
      case 'DblQuoted':
        for (const q of list(part.Parts)) this.partSubstitutions(q, parent);
        return;
      case 'ParamExp':
        if (!isNil(part.Exp)) this.substitutions(part.Exp.Word, parent);
        return;
      default:
        return;
    }
  }

  /** Substitutions anywhere below a node of a rarer kind (`[[ ]]`, `(( ))`, `let`): the generic walk. */
  private substitutionsBelow(node: GoNode): void {
    eachChild(node, (n) => {
      const type = nodeType(n);
      if (type !== 'CmdSubst' && type !== 'ProcSubst') return true;
      this.stmts(n.Stmts, undefined);
      return false;
    });
  }

  /** `RUN <<EOF` (BuildKit runs the body as a script) and `bash <<EOF`: parse the body as shell. */
  private heredocScript(redirect: GoNode): void {
    if (this.nested >= MAX_NESTED) return;
    const delimiter = this.word(redirect.Word).text;
    const body = heredocBody(this.src, this.at(redirect.Hdoc.Pos().Offset()), delimiter, redirect.Op === OP_DASH_HDOC);
    if (!shebangIsShell(body.text)) return; // `#!/usr/bin/env python3`: not shell
    const commands = nestedCommands(body, this.ctx, this.nested + 1);
    if (commands) pushAll(this.out, commands);
  }

  private rawText(node: GoNode): string {
    return this.src.text.slice(this.at(node.Pos().Offset()), this.at(node.End().Offset()));
  }

  private word(w: GoNode): ParsedWord {
    const start = this.at(w.Pos().Offset());
    const end = this.at(w.End().Offset());
    const raw = this.src.text.slice(start, end);
    if (PLAIN_WORD.test(raw)) {
      // Most words (`apt-get`, `-y`, `/usr/src`) have no quotes, escapes or expansions: skip the parts.
      return {
        raw,
        text: raw,
        offsets: this.src.offsets.slice(start, end),
        literal: true,
        hasSubstitution: false,
        start: fileOffset(this.src, start, end, 'start'),
        end: fileOffset(this.src, start, end, 'end'),
      };
    }
    const info: ParsedWord = {
      raw,
      text: '',
      offsets: [],
      literal: true,
      hasSubstitution: false,
      start: fileOffset(this.src, start, end, 'start'),
      end: fileOffset(this.src, start, end, 'end'),
    };
    for (const part of list(w.Parts)) this.part(part, info, false);
    return info;
  }

  private part(p: GoNode, info: WordInfo, inDoubleQuotes: boolean): void {
    const s = this.at(p.Pos().Offset());
    const e = this.at(p.End().Offset());
    switch (nodeType(p)) {
      case 'Lit':
        this.unescape(info, s, e, inDoubleQuotes);
        return;
      case 'SglQuoted':
        if (p.Dollar) {
          info.literal = false; // $'...' has escapes of its own
          this.raw(info, s, e);
        } else {
          this.raw(info, s + 1, e - 1);
        }
        return;
      case 'DblQuoted':
        for (const q of list(p.Parts)) this.part(q, info, true);
        return;
      case 'CmdSubst':
      case 'ProcSubst':
        info.hasSubstitution = true;
        info.literal = false;
        this.raw(info, s, e);
        return;
      default:
        info.literal = false;
        this.raw(info, s, e);
    }
  }

  private raw(info: WordInfo, s: number, e: number): void {
    for (let i = s; i < e; i++) {
      info.text += this.src.text[i];
      info.offsets.push(this.src.offsets[i]);
    }
  }

  /** Backslash escapes as the shell removes them (in double quotes only before $ ` " \ and newline). */
  private unescape(info: WordInfo, s: number, e: number, inDoubleQuotes: boolean): void {
    const t = this.src.text;
    for (let i = s; i < e; i++) {
      if (t[i] === '\\' && i + 1 < e) {
        const next = t[i + 1];
        if (next === '\n') {
          i++;
          continue;
        }
        if (!inDoubleQuotes || '$`"\\'.includes(next)) {
          i++;
          info.text += next;
          info.offsets.push(this.src.offsets[i]);
          continue;
        }
      }
      info.text += t[i];
      info.offsets.push(this.src.offsets[i]);
    }
  }
}

/** UTF-8 byte offset (what the Go parser reports) → UTF-16 index into `text`. */
function byteIndex(text: string): Int32Array {
  const bytes = Buffer.byteLength(text, 'utf8');
  const map = new Int32Array(bytes + 1);
  let b = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let n: number;
    let units = 1;
    if (c < 0x80) n = 1;
    else if (c < 0x800) n = 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n = 4;
      units = 2;
    } else n = 3;
    for (let k = 0; k < n; k++) map[b + k] = i;
    b += n;
    i += units - 1;
  }
  map[bytes] = text.length;
  return map;
}

/** The file offset where script[start, end) begins or ends, skipping units that are not in the file. */
function fileOffset(src: MappedText, start: number, end: number, which: 'start' | 'end'): number {
  if (which === 'start') {
    for (let i = start; i < end; i++) if (src.offsets[i] >= 0) return src.offsets[i];
  } else {
    for (let i = end - 1; i >= start; i--) if (src.offsets[i] >= 0) return src.offsets[i] + 1;
  }
  return -1;
}

/** Body lines of a heredoc starting at script index `from`, up to the delimiter line. */
function heredocBody(src: MappedText, from: number, delimiter: string, stripTabs: boolean): MappedText {
  let end = src.text.length;
  let i = from;
  while (i < src.text.length) {
    const nl = src.text.indexOf('\n', i);
    const lineEnd = nl < 0 ? src.text.length : nl;
    let line = src.text.slice(i, lineEnd);
    if (stripTabs) line = line.replace(/^\t+/, '');
    if (line === delimiter) {
      end = i;
      break;
    }
    if (nl < 0) break;
    i = nl + 1;
  }
  return { text: src.text.slice(from, end), offsets: src.offsets.slice(from, end) };
}

/** No shebang, or one naming a shell (`#!/bin/sh`, `#!/usr/bin/env bash`). */
function shebangIsShell(script: string): boolean {
  const m = /^#!\s*(\S+)(?:[ \t]+(\S+))?/.exec(script);
  if (!m) return true;
  const program = baseName(m[1]) === 'env' && m[2] ? m[2] : m[1];
  return isShellName(baseName(program));
}

function heredocIsScript(command: ShellCommand | undefined, alone: boolean): boolean {
  if (alone) return true;
  if (!command) return false;
  const words = command.words.map((w) => w.text);
  const at = commandIndex(words);
  if (at < 0 || !isShellName(baseName(words[at]))) return false;
  // `bash <<EOF` / `sh -s -- args <<EOF` read the script from stdin; `sh -c ...` / `sh file` do not.
  for (let i = at + 1; i < words.length; i++) {
    const w = words[i];
    if (w === '--' || w === '-') return true;
    if (!w.startsWith('-') && !w.startsWith('+')) return false;
    if (/^-[a-zA-Z]*c/.test(w)) return false;
    if (/^-[a-zA-Z]*s/.test(w)) return true;
  }
  return true;
}

/** `sh -c '<script>'`, `bash -ec "..."`, `["sh", "-c", "..."]`: parse the script argument as shell too. */
function appendNestedScript(words: WordInfo[], ctx: ShellContext, nested: number, out: ShellCommand[]): void {
  if (nested >= MAX_NESTED) return;
  const texts = words.map((w) => w.text);
  const at = commandIndex(texts);
  if (at < 0 || !isShellName(baseName(texts[at]))) return;
  for (let i = at + 1; i < words.length; i++) {
    const w = texts[i];
    if (!/^[-+]/.test(w) || w === '-' || w === '--') return;
    if (isLetterCluster(w, 'c')) {
      const script = words[i + 1];
      // `sh -c "$(curl ...)"`: the substituted commands are already known, with `sh` as their consumer.
      if (!script || script.hasSubstitution) return;
      const commands = nestedCommands({ text: script.text, offsets: script.offsets }, ctx, nested + 1);
      if (commands) pushAll(out, commands);
      return;
    }
    if (/^[-+]o$/.test(w)) i++; // `-o pipefail`
  }
}

/** `-c`, `-ec`, `-xce`: a dash and letters only, `letter` among them (linear; a pattern would backtrack). */
function isLetterCluster(w: string, letter: string): boolean {
  if (w.length < 2 || w.charCodeAt(0) !== 45) return false;
  let found = false;
  for (let i = 1; i < w.length; i++) {
    const c = w.charCodeAt(i) | 32;
    if (c < 97 || c > 122) return false;
    if (w[i] === letter) found = true;
  }
  return found;
}

function makeCommand(
  infos: WordInfo[],
  ctx: ShellContext,
  sub: ShellCommand['substitution'],
  assigns: AssignInfo[] = [],
  execForm = false,
): ShellCommand {
  const command: ShellCommand = {
    words: infos.map((w) => toShellWord(w, ctx)),
    pipeline: [],
    pipelineIndex: 0,
    removeWords: (from, to) => {
      if (execForm) return removeJsonWords(infos, from, to, ctx);
      const first = infos[from];
      const last = infos[to];
      return first && last ? removeSpan(first.start, last.end, ctx) : undefined;
    },
  };
  if (assigns.length > 0) {
    command.assignments = assigns.map((a): ShellAssignment => ({
      name: a.name,
      value: toShellWord(a.value, ctx),
      append: a.append,
      source: { file: ctx.file, range: ctx.index.range(Math.max(a.start, 0), Math.max(a.end, a.start, 0)) },
    }));
    command.removeAssignment = (index) => {
      const a = assigns[index];
      return a ? removeSpan(a.start, a.end, ctx) : undefined;
    };
  }
  if (sub) command.substitution = sub;
  return command;
}

function toShellWord(info: WordInfo, ctx: ShellContext): ShellWord {
  const start = info.start;
  const end = info.end >= start ? info.end : start;
  return {
    text: info.text,
    literal: info.literal,
    source: { file: ctx.file, range: ctx.index.range(Math.max(start, 0), Math.max(end, 0)) },
    rangeOf: (from, to) => {
      if (from < 0 || to > info.offsets.length || from >= to) return undefined;
      for (let i = from; i < to; i++) {
        if (info.offsets[i] < 0 || (i > from && info.offsets[i] !== info.offsets[i - 1] + 1)) return undefined;
      }
      return ctx.index.range(info.offsets[from], info.offsets[to - 1] + 1);
    },
  };
}

/** Edits that remove the file text [start, end) and one adjacent blank. */
function removeSpan(from: number, to: number, ctx: ShellContext): TextEdit[] | undefined {
  if (from < 0 || to < 0 || to < from) return undefined;
  const text = ctx.index.text;
  let start = from;
  let end = to;
  const blank = (c: string | undefined) => c === ' ' || c === '\t';
  if (blank(text[end])) {
    end++;
  } else if (blank(text[start - 1])) {
    start--;
  }
  return [{ file: ctx.file, range: ctx.index.range(start, end), newText: '' }];
}

/**
 * Removes `words[from..to]` of an exec-form instruction (`RUN ["curl", "-k", "https://x"]`) with one comma, so
 * that the array stays valid JSON: up to the next word when there is one (`"-k", `), else from the end of the
 * previous word (`, "-k"`). Removing every word would leave `[]`, which runs nothing: not offered.
 */
function removeJsonWords(infos: WordInfo[], from: number, to: number, ctx: ShellContext): TextEdit[] | undefined {
  const first = infos[from];
  const last = infos[to];
  if (!first || !last || first.start < 0 || last.end < first.start) return undefined;
  const next = infos[to + 1];
  const previous = infos[from - 1];
  let start: number;
  let end: number;
  if (next && next.start >= last.end) {
    start = first.start;
    end = next.start;
  } else if (previous && previous.end >= 0 && previous.end <= first.start) {
    start = previous.end;
    end = last.end;
  } else {
    return undefined;
  }
  // Only JSON punctuation may lie between the words removed and their neighbour.
  const between = next ? ctx.index.text.slice(last.end, end) : ctx.index.text.slice(start, first.start);
  if (!/^[\s,]*$/.test(between.replace(/\\\r?\n/g, '')) || (between.match(/,/g) ?? []).length !== 1) return undefined;
  return [{ file: ctx.file, range: ctx.index.range(start, end), newText: '' }];
}
