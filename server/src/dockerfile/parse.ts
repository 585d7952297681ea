import { type Add, type Arg, type Env, type From, type Instruction, type Onbuild, type Property, type Run } from 'dockerfile-ast';
import type {
  BuildCommand,
  ContainerSpec,
  DockerfileStageInfo,
  Download,
  EnvEntry,
  CopyInto,
  FromInstruction,
  InstructionImage,
  ParsedFile,
  PortBinding,
  Range,
  Source,
  TextEdit,
  UserInstruction,
  Val,
} from '../../../shared-rules/src/model';
import { baseName, isShellName } from '../../../shared-rules/src/shell';
import { joinPath } from '../../../shared-rules/src/paths';
import { isWindowsImage, isWindowsShell } from '../../../shared-rules/src/windows';
import { scanSuppressions } from '../suppressions';
import { buildCommand, jsonWord, MAX_SCRIPT } from './run';
import { parseInstructions, type InstructionsMemo } from './instructions';
import type { RunCache } from './run-cache';
import { LineIndex } from '../shell/text';
import { ExpansionBudget, MAX_VALUE, substitute, type Vars } from './variables';
import { pushAll, shorten } from '../../../shared-rules/src/bounds';
import { limitProblem } from '../limits';

/**
 * Parses one Dockerfile into the container model: one ContainerSpec for the image stage (the last stage),
 * with what rules need from every stage (all FROMs, RUNs, ADD downloads, ENV/ARG). Never throws.
 */
export interface DockerfileOptions {
  /** The build target (Compose `build.target`): that stage is the image stage instead of the last one. */
  target?: string;
  /** The previous parse of the same document: what an edit did not touch is reused (the editor's typing path). */
  memo?: InstructionsMemo;
  /** RUN analyses kept between parses (the Dockerfile front end's); none: every RUN is analysed. */
  runs?: RunCache;
}

export function parseDockerfile(file: string, text: string, options: DockerfileOptions = {}): ParsedFile {
  const parsed: ParsedFile = { file, kind: 'dockerfile', containers: [], suppressions: [], problems: [] };
  try {
    parsed.suppressions = scanSuppressions(file, text);
  } catch {
    // Suppressions are a convenience; a failure must not hide the findings.
  }
  try {
    const container = new DockerfileModel(file, text, parsed, options).build();
    if (container) parsed.containers.push(container);
  } catch (error) {
    parsed.problems.push({
      rule: 'parse-error',
      message: `The Dockerfile could not be analysed: ${error instanceof Error ? error.message : String(error)}`,
      source: { file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
    });
  }
  return parsed;
}

interface Stage {
  index: number;
  from: FromInstruction;
  fromInstruction: From;
  parent?: Stage;
  users: UserInstruction[];
  runs: BuildCommand[];
  downloads: Download[];
  exposes: PortBinding[];
  env: EnvEntry[];
  /** Images that COPY --from and RUN --mount from= name (stage names are sorted out at the end). */
  imageRefs: InstructionImage[];
  copies: CopyInto[];
  /** The WORKDIR in effect (absolute), undefined when a variable made it unknown. */
  workdir: string | undefined;
  /** ENV values (inherited by stages built on this one). */
  envVars: Map<string, string | undefined>;
  /** ENV plus this stage's ARGs: what `$NAME` means at the current instruction. */
  vars: Map<string, string | undefined>;
  posixShell: boolean;
  platform: 'windows' | 'linux' | 'unknown';
  firstCommand?: Instruction;
}

/** RUN text analysed per file at most (the shell parser needs 1-3 µs per character); later RUNs are reported. */
const RUN_BUDGET = 1024 * 1024;
/** `analysis-limit` findings for values too long to expand, per file (one says it all; a few show where). */
const MAX_VALUE_REPORTS = 10;

class DockerfileModel {
  private readonly index: LineIndex;
  private escape = '\\';
  private readonly expansion: ExpansionBudget;
  private runBudget = RUN_BUDGET;
  private valueReports = 0;
  private budgetReported = false;

  constructor(
    private readonly file: string,
    private readonly text: string,
    private readonly parsed: ParsedFile,
    private readonly options: DockerfileOptions,
  ) {
    this.index = new LineIndex(text);
    this.expansion = ExpansionBudget.forText(text);
  }

  build(): ContainerSpec | undefined {
    if (this.text.trim() === '') return undefined;
    const { escape, instructions } = parseInstructions(this.text, this.options.memo);
    this.escape = escape;

    const globalArgs = new Map<string, string | undefined>();
    const globalEnv: EnvEntry[] = [];
    const stages: Stage[] = [];
    let stage: Stage | undefined;

    // Docker builds nothing from a file whose first instruction (after parser directives, comments and ARGs) is
    // not FROM: a Dockerfile.<x> named on the command line that is not a Dockerfile ends here.
    const first = instructions.find((i) => i.getKeyword() !== 'ARG');
    if (first && first.getKeyword() !== 'FROM') {
      const keyword = first.getKeyword().slice(0, 40);
      this.parsed.problems.push({
        rule: 'parse-error',
        message: `This file does not start with FROM (its first instruction is ${keyword}): Docker builds nothing from it`,
        source: this.source(first.getRange()),
      });
      return undefined;
    }

    for (const ins of instructions) {
      const keyword = ins.getKeyword();
      if (keyword === 'FROM') {
        stage = this.newStage(ins as From, stages, globalArgs);
        stages.push(stage);
        continue;
      }
      if (!stage) {
        if (keyword === 'ARG') pushAll(globalEnv, this.args(ins as Arg, globalArgs, globalArgs));
        continue;
      }
      this.addInstruction(stage, ins, globalArgs);
    }

    if (stages.length === 0) {
      const first = instructions[0];
      if (first) {
        this.parsed.problems.push({
          rule: 'parse-error',
          message: 'This Dockerfile has no FROM instruction, so it builds nothing',
          source: this.source(first.getRange()),
        });
      }
      return undefined;
    }
    return this.container(stages, globalEnv);
  }

  private newStage(from: From, stages: Stage[], globalArgs: Vars): Stage {
    const info = this.fromInstruction(from, stages, globalArgs);
    const parent = info.stageRef ? stages.find((s) => s.from.stageName === info.stageRef) : undefined;
    const envVars = new Map(parent?.envVars ?? []);
    const platform = parent ? parent.platform : this.platformOf(from, info);
    if (!from.getImage()) {
      this.parsed.problems.push({ rule: 'parse-error', message: 'FROM names no image', source: this.source(from.getRange()) });
    }
    return {
      index: stages.length,
      from: info,
      fromInstruction: from,
      parent,
      users: [],
      runs: [],
      downloads: [],
      exposes: [],
      env: [],
      imageRefs: [],
      copies: [],
      workdir: parent ? parent.workdir : '/',
      envVars,
      vars: new Map(envVars),
      // A Windows image's default shell is cmd: its RUNs are not POSIX shell.
      posixShell: parent?.posixShell ?? platform !== 'windows',
      platform,
    };
  }

  /**
   * A first stage's platform: `FROM --platform=windows/…` or `linux/…` says it; else a Windows base image (as
   * resolved through ARG defaults, or as written when a variable in it is unknown) or the backtick escape
   * directive, which only Windows Dockerfiles use, make it Windows; a known image or `scratch` is Linux.
   */
  private platformOf(from: From, info: FromInstruction): Stage['platform'] {
    const flag = from.getPlatformFlag?.()?.getValue()?.trim().toLowerCase() ?? '';
    if (flag.startsWith('windows')) return 'windows';
    if (flag.startsWith('linux')) return 'linux';
    const written = from.getImage() ?? '';
    const image = info.image;
    if (isWindowsImage(written) || (image?.known && isWindowsImage(image.value))) return 'windows';
    if (this.escape === '`') return 'windows';
    return !image || image.known ? 'linux' : 'unknown';
  }

  private fromInstruction(from: From, stages: Stage[], globalArgs: Vars): FromInstruction {
    const info: FromInstruction = { source: this.source(from.getRange()) };
    const stageName = from.getBuildStage();
    if (stageName) info.stageName = stageName;
    const written = from.getImage();
    const range = from.getImageRange();
    if (!written || !range) return info;
    const image = this.val(written, range, globalArgs);
    const name = image.value.toLowerCase();
    if (image.known && name === 'scratch') return info;
    const earlier = image.known ? stages.find((s) => s.from.stageName?.toLowerCase() === name) : undefined;
    if (earlier) {
      info.stageRef = earlier.from.stageName;
      return info;
    }
    info.image = image;
    return info;
  }

  private addInstruction(stage: Stage, ins: Instruction, globalArgs: Vars): void {
    switch (ins.getKeyword()) {
      case 'ARG':
        pushAll(stage.env, this.args(ins as Arg, stage.vars, globalArgs, ins.getRange(), stage.workdir));
        return;
      case 'ENV':
        pushAll(stage.env, this.envs(ins as Env, stage));
        return;
      case 'ONBUILD':
        this.onbuild(stage, ins as Onbuild);
        return;
      case 'COPY':
        this.imageFlag(stage, ins, 'COPY --from');
        this.copyInto(stage, ins);
        return;
      case 'WORKDIR': {
        const arg = ins.getArguments()[0];
        if (!arg) return;
        const dir = this.val(arg.getValue(), arg.getRange(), stage.vars);
        stage.workdir = dir.known && stage.workdir !== undefined ? joinPath(stage.workdir, dir.value) : undefined;
        return;
      }
      case 'USER': {
        const range = ins.getArgumentsRange();
        if (!range) return;
        const written = this.index.text.slice(this.index.offsetAt(range.start), this.index.offsetAt(range.end)).trim();
        stage.users.push({ user: this.val(written, range, stage.vars), source: this.source(ins.getRange()) });
        return;
      }
      case 'RUN':
        this.imageFlag(stage, ins, 'RUN --mount from');
        stage.runs.push(this.run(ins as Run, stage));
        return;
      case 'ADD':
        pushAll(stage.downloads, this.downloads(ins as Add, stage.vars));
        this.copyInto(stage, ins);
        return;
      case 'EXPOSE':
        pushAll(stage.exposes, this.exposes(ins, stage.vars));
        return;
      case 'SHELL': {
        const json = (ins as Run).getJSONStrings?.() ?? [];
        if (json.length > 0) {
          const program = json[0].getValue().replace(/^"|"$/g, '');
          stage.posixShell = isShellName(baseName(program));
          if (isWindowsShell(program)) stage.platform = 'windows';
        }
        return;
      }
      case 'CMD':
      case 'ENTRYPOINT':
        stage.firstCommand ??= ins;
        return;
      default:
        return;
    }
  }

  /** A RUN's commands, within the file's RUN budget; a RUN a limit stops is reported, never passed silently. */
  private run(ins: Run, stage: Stage): BuildCommand {
    const range = ins.getRange();
    const length = this.index.offsetAt(range.end) - this.index.offsetAt(range.start);
    let command: BuildCommand;
    if (length > this.runBudget && length > 0) {
      command = { source: this.source(range), script: '', commands: [], execForm: false };
      this.limitProblem(range, 'runBudget', { size: kb(length), max: String(RUN_BUDGET / 1024) });
      return command;
    }
    this.runBudget -= length;
    command = this.options.runs
      ? this.options.runs.buildCommand(ins, this.file, this.index, this.escape, stage.posixShell)
      : buildCommand(ins, { file: this.file, index: this.index }, this.escape, stage.posixShell);
    const limit = command.limit;
    if (limit?.kind === 'too-long') this.limitProblem(range, 'runTooLong', { size: kb(limit.size), max: String(MAX_SCRIPT / 1024) });
    else if (limit?.kind === 'too-deep') this.limitProblem(range, 'runTooDeep', { max: String(limit.max) });
    return command;
  }

  private limitProblem(range: Range, messageId: string, args: Record<string, string>): void {
    this.parsed.problems.push(limitProblem(this.source(range), messageId, args));
  }

  /**
   * `ONBUILD <instruction>` runs in the builds that start FROM this image: its RUN, ADD, ENV and ARG are analysed as
   * the instruction they carry (reported where they are written here). They change nothing in this image, so
   * its variables are not updated: an ONBUILD ENV reads the variables as they are at this point.
   */
  private onbuild(stage: Stage, ins: Onbuild): void {
    const trigger = ins.getTriggerInstruction();
    if (!trigger) return;
    const outer = ins.getRange();
    switch (trigger.getKeyword()) {
      case 'RUN':
        stage.runs.push(this.run(trigger as Run, stage));
        return;
      case 'ADD':
        pushAll(stage.downloads, this.downloads(trigger as Add, stage.vars));
        return;
      case 'ENV':
        pushAll(stage.env, this.envs(trigger as Env, { ...stage, envVars: new Map(stage.envVars), vars: new Map(stage.vars) }, outer));
        return;
      case 'ARG':
        pushAll(stage.env, this.args(trigger as Arg, new Map(stage.vars), new Map(), outer, stage.workdir));
        return;
      default:
        return;
    }
  }

  /** `COPY --from=<image>` / `RUN --mount=...,from=<image>`: candidate image references. */
  private imageFlag(stage: Stage, ins: Instruction, via: string): void {
    const flags = (ins as Run).getFlags?.() ?? [];
    for (const flag of flags) {
      const name = flag.getName().toLowerCase();
      if (name === 'from' && via.startsWith('COPY')) {
        const value = flag.getValue();
        const range = flag.getValueRange();
        if (value && range) stage.imageRefs.push({ image: this.val(value, range, stage.vars), via });
      } else if (name === 'mount' && via.startsWith('RUN')) {
        for (const option of flag.getOptions()) {
          const value = option.getValue();
          const range = option.getValueRange();
          if (option.getName().toLowerCase() === 'from' && value && range)
            stage.imageRefs.push({ image: this.val(value, range, stage.vars), via });
        }
      }
    }
  }

  /** COPY / ADD of local sources: where they land (COPY --from copies from another image or stage, ADD <url> downloads). */
  private copyInto(stage: Stage, ins: Instruction): void {
    const flags = (ins as Add).getFlags?.() ?? [];
    if (flags.some((f) => f.getName().toLowerCase() === 'from')) return;
    const json = (ins as Add).getJSONStrings?.() ?? [];
    const args: { text: string; range: Range }[] =
      json.length > 0
        ? json.map((j) => ({ text: jsonWord(j, this.index).text, range: j.getJSONRange() }))
        : ins.getArguments().map((a) => ({ text: a.getValue(), range: a.getRange() }));
    if (args.length < 2 || args.slice(0, -1).every((a) => /^[a-z][a-z0-9+.-]*:\/\//i.test(a.text))) return;
    const last = args[args.length - 1];
    const written = this.val(last.text, last.range, stage.vars);
    const copy: CopyInto = { written };
    if (written.known && stage.workdir !== undefined) copy.destination = joinPath(stage.workdir, written.value);
    stage.copies.push(copy);
  }

  /**
   * Edits that remove property `k` of an ENV or ARG: the whole instruction when it is the only one (its lines and
   * their line break), else the property with the blanks or continuation that separate it from its neighbour.
   */
  private removeProperty(outer: Range, props: Property[], k: number): TextEdit[] {
    if (props.length === 1) return this.removeLines(outer);
    const from = k > 0 ? props[k - 1].getRange().end : props[k].getRange().start;
    const to = k > 0 ? props[k].getRange().end : props[k + 1].getRange().start;
    return [{ file: this.file, range: { start: from, end: to }, newText: '' }];
  }

  /** Edits that remove the lines an instruction is written on, with one line break. */
  private removeLines(range: Range): TextEdit[] {
    const index = this.index;
    const first = range.start.line;
    const last = range.end.line;
    const before = index.text.slice(index.lineStart(first), index.offsetAt(range.start));
    const start = before.trim() === '' ? index.lineStart(first) : index.offsetAt(range.start);
    if (last + 1 < index.lineCount) return [{ file: this.file, range: index.range(start, index.lineStart(last + 1)), newText: '' }];
    // The last line of the file: take the line break before it instead.
    const from = first > 0 && start === index.lineStart(first) ? index.lineEnd(first - 1) : start;
    return [{ file: this.file, range: index.range(from, index.text.length), newText: '' }];
  }

  private args(
    ins: Arg,
    vars: Map<string, string | undefined>,
    globalArgs: Vars,
    outer: Range = ins.getRange(),
    workdir: string | undefined = '/',
  ): EnvEntry[] {
    const out: EnvEntry[] = [];
    const props = ins.getProperties();
    for (const [k, p] of props.entries()) {
      const name = p.getName();
      // `ARG NAME value` declares NAME without a default (the builder reads `value` as another name).
      const value = /^[^\s=]+=/.test(this.written(p.getRange())) ? p.getValue() : null;
      const valueRange = p.getValueRange();
      const entry: EnvEntry = {
        name,
        kind: 'arg',
        interpolated: false,
        source: this.source(p.getRange()),
        remove: () => this.removeProperty(outer, props, k),
      };
      if (workdir !== undefined) entry.workdir = workdir;
      if (value !== null && valueRange) {
        entry.value = this.val(value, valueRange, vars, name);
        entry.interpolated = value.includes('$');
        vars.set(name, entry.value.known ? entry.value.value : undefined);
      } else if (vars !== globalArgs && globalArgs.has(name)) {
        // `ARG NAME` in a stage brings the global default into scope.
        vars.set(name, globalArgs.get(name));
      } else {
        vars.set(name, undefined);
      }
      out.push(entry);
    }
    return out;
  }

  private envs(ins: Env, stage: Pick<Stage, 'envVars' | 'vars' | 'workdir'>, outer: Range = ins.getRange()): EnvEntry[] {
    const out: EnvEntry[] = [];
    const props = ins.getProperties();
    for (const [k, p] of props.entries()) {
      const name = p.getName();
      const value = p.getValue();
      const valueRange = p.getValueRange();
      const entry: EnvEntry = {
        name,
        kind: 'env',
        interpolated: false,
        source: this.source(p.getRange()),
        remove: () => this.removeProperty(outer, props, k),
      };
      if (stage.workdir !== undefined) entry.workdir = stage.workdir;
      if (value !== null && valueRange) {
        entry.value = this.val(value, valueRange, stage.vars, name);
        entry.interpolated = value.includes('$');
      }
      const resolved = entry.value?.known ? entry.value.value : entry.value ? undefined : '';
      stage.envVars.set(name, resolved);
      stage.vars.set(name, resolved);
      out.push(entry);
    }
    return out;
  }

  private downloads(ins: Add, vars: Vars): Download[] {
    const hasChecksum = ins.getFlags().some((f) => f.getName().toLowerCase() === 'checksum');
    const json = ins.getJSONStrings();
    const args: { text: string; range: Range }[] =
      json.length > 0
        ? json.map((j) => ({ text: jsonWord(j, this.index).text, range: j.getJSONRange() }))
        : ins.getArguments().map((a) => ({ text: a.getValue(), range: a.getRange() }));
    const out: Download[] = [];
    // The last argument is the destination.
    for (const arg of args.slice(0, -1)) {
      const url = this.val(arg.text, arg.range, vars);
      if (!/^https?:\/\//i.test(url.value)) continue;
      out.push({ url, instruction: this.source(ins.getRange()), hasChecksum });
    }
    return out;
  }

  private exposes(ins: Instruction, vars: Vars): PortBinding[] {
    const out: PortBinding[] = [];
    for (const arg of ins.getArguments()) {
      const whole = this.val(arg.getValue(), arg.getRange(), vars);
      const [port, protocol] = whole.value.split('/');
      const written = arg.getValue();
      const range = arg.getRange();
      const slash = written.indexOf('/');
      // The port number's own range, when it is written literally.
      const portRange =
        whole.raw === undefined && slash > 0
          ? { start: range.start, end: { line: range.start.line, character: range.start.character + slash } }
          : range;
      const containerPort: Val = { ...whole, value: port, source: this.source(portRange) };
      const binding: PortBinding = { syntax: 'dockerfile-expose', containerPort, source: this.source(range) };
      if (protocol !== undefined) binding.protocol = protocol.toLowerCase();
      out.push(binding);
    }
    return out;
  }

  private container(stages: Stage[], globalEnv: EnvEntry[]): ContainerSpec {
    const wanted = this.options.target?.toLowerCase();
    const image = (wanted && stages.find((s) => s.from.stageName?.toLowerCase() === wanted)) || stages[stages.length - 1];
    // A build target may be an earlier stage: it ends where the next stage starts.
    const next = stages[image.index + 1] as Stage | undefined;
    const chain: Stage[] = [];
    for (let s: Stage | undefined = image; s && chain.length <= stages.length; s = s.parent) chain.unshift(s);
    const users = chain.flatMap((s) => s.users);
    const environment = [...globalEnv, ...stages.flatMap((s) => s.env)];
    const exposes = chain.flatMap((s) => s.exposes);
    const info: DockerfileStageInfo = {
      from: image.from,
      allFroms: stages.map((s) => s.from),
      users,
      runs: image.runs,
      downloads: image.downloads,
      exposes,
      allRuns: stages.flatMap((s) => s.runs),
      allDownloads: stages.flatMap((s) => s.downloads),
      allEnv: environment,
      allImageRefs: this.imageRefs(stages),
      copies: chain.flatMap((s) => s.copies),
      insertUser: (line) => this.insertUser(image, line, next),
      platform: image.platform,
    };
    const base = chain[0].from.image;
    if (base) info.baseImage = base;
    const declaration = image.from.source;
    const container: ContainerSpec = {
      origin: 'dockerfile',
      name: image.from.stageName ?? `stage ${image.index}`,
      file: this.file,
      declaration,
      extent: { start: declaration.range.start, end: next ? next.from.source.range.start : this.index.positionAt(this.text.length) },
      capAdd: [],
      capDrop: [],
      securityOpt: [],
      devices: [],
      mounts: [],
      ports: exposes,
      limits: {},
      environment,
      dependsOn: [],
      dockerfile: info,
    };
    if (image.from.image) container.image = image.from.image;
    const lastUser = users[users.length - 1];
    if (lastUser) container.user = lastUser.user;
    return container;
  }

  /** The image references of COPY --from and RUN --mount from= that are not a stage (by name or index) or scratch. */
  private imageRefs(stages: Stage[]): InstructionImage[] {
    const names = new Set(stages.flatMap((s) => (s.from.stageName ? [s.from.stageName.toLowerCase()] : [])));
    return stages.flatMap((s) =>
      s.imageRefs.filter(({ image }) => {
        const text = image.value.trim().toLowerCase();
        return !image.known || !(names.has(text) || /^\d+$/.test(text) || text === 'scratch' || text === '');
      }),
    );
  }

  /** `USER 10001` before the image stage's first CMD/ENTRYPOINT (same indentation), else at the end. */
  private insertUser(stage: Stage, line: string, next?: Stage): TextEdit[] {
    const eol = this.index.eol();
    const before = stage.firstCommand;
    if (before) {
      const at = before.getRange().start;
      const indent = /^[ \t]*/.exec(this.index.lineText(at.line))![0];
      const pos = { line: at.line, character: 0 };
      return [{ file: this.file, range: { start: pos, end: pos }, newText: `${indent}${line}${eol}` }];
    }
    if (next) {
      const pos = { line: next.from.source.range.start.line, character: 0 };
      return [{ file: this.file, range: { start: pos, end: pos }, newText: `${line}${eol}` }];
    }
    // A last line that continues (`RUN a \` at the end of the file) would take the USER line in as its argument.
    // (trimEnd and endsWith: one pass; a regular expression anchored at the end would rescan each long line.)
    if (this.text.trimEnd().endsWith(this.escape)) return [];
    const end = this.index.positionAt(this.text.length);
    const endsWithEol = /[\r\n]$/.test(this.text);
    return [{ file: this.file, range: { start: end, end }, newText: endsWithEol ? `${line}${eol}` : `${eol}${line}` }];
  }

  /** The file text at `range`. */
  private written(range: Range): string {
    return this.index.text.slice(this.index.offsetAt(range.start), this.index.offsetAt(range.end));
  }

  /** A value as written at `range`, with variables substituted from `vars`; `name` names it in a limit finding. */
  private val(written: string, range: Range, vars: Vars, name?: string): Val {
    const s = substitute(written, vars, this.escape, this.expansion);
    if (s.limit === 'value' && this.valueReports++ < MAX_VALUE_REPORTS) {
      this.limitProblem(range, 'expansionTooLong', { name: shorten(name ?? written, 80), max: String(MAX_VALUE) });
    } else if (s.limit === 'budget' && !this.budgetReported) {
      this.budgetReported = true;
      this.limitProblem(range, 'expansionBudget', { max: String(this.expansion.total) });
    }
    const source = this.source(range);
    const v: Val = {
      value: s.value,
      known: s.known,
      source,
      replace: (text) => [{ file: this.file, range: source.range, newText: text }],
    };
    if (s.hasVariables) v.raw = written;
    return v;
  }

  private source(range: Range): Source {
    return { file: this.file, range };
  }
}

function kb(chars: number): string {
  return String(Math.ceil(chars / 1024));
}
