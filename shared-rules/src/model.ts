import type { EnvValue } from './bounds';

/**
 * The container model: "how a container will run", the one shape that both a Compose service and a
 * Dockerfile image stage map onto. Parsers (server/compose, server/dockerfile) build it from text;
 * rules (shared-rules/src/rules) read it. Nothing here knows about YAML nodes or LSP types.
 *
 * Positions are 0-based lines and UTF-16 code-unit characters, as in LSP.
 */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Where a value is written: the file (a path or URI string, as the caller named it) and the range. */
export interface Source {
  file: string;
  range: Range;
}

/** A minimal text edit. `file` lets a fix edit the file where an inherited value is written. */
export interface TextEdit {
  file: string;
  range: Range;
  newText: string;
}

/**
 * A scalar setting as written, after interpolation.
 * `known` is false when interpolation left it unknown (e.g. `${BIND}` with no value): rules never fire
 * on unknown values, and a missing-setting rule treats an unknown value as "set".
 * `value` is the interpolated text (booleans and numbers as their YAML text: "true", "200").
 */
export interface Val {
  value: string;
  known: boolean;
  source: Source;
  /** The text as written (unquoted) when it contains `${...}` / `$VAR`; undefined otherwise. Fixes rewrite
   * `raw` rather than `value`, so that variables survive the edit. */
  raw?: string;
  /** Edits that replace this scalar with `text`, keeping the file's quoting style where it can. */
  replace?(text: string): TextEdit[];
  /** Edits that remove the whole `key: value` entry this value belongs to (Compose settings). */
  removeEntry?(): TextEdit[];
  /**
   * Set by a command-line flag in a file of another kind (a devcontainer's `runArgs`): messages and fix titles
   * name the flag rather than a key. Values of `docker run` command lines need not set it (their origin says so).
   */
  flag?: boolean;
  /** Set by a devcontainer feature (its id as written, e.g. `ghcr.io/devcontainers/features/docker-in-docker:2`). */
  feature?: string;
}

/** An item of a sequence (a volume, a port, a cap_add entry, ...). */
export interface Item {
  source: Source;
  /** Edits that remove the item; also the parent key when the sequence becomes empty. */
  remove?(): TextEdit[];
  /** Added by a devcontainer feature (its id as written): messages say the feature does it. */
  feature?: string;
}

/** A mapping (block or flow) that entries can be added to, with the file's indentation and line ends. */
export interface MappingSlot {
  /** `valueText` is YAML: a scalar (`200`), a flow collection (`[ALL]`) or a nested block written with
   * `\n` line ends and two-space steps, which the implementation re-indents and converts to the file's EOL. */
  addEntry(key: string, valueText: string): TextEdit[];
}

export type MountType = 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'cluster' | 'image' | 'unknown';

export interface Mount extends Item {
  syntax: 'short' | 'long';
  type: MountType;
  /** Host path or volume name; undefined for anonymous volumes. */
  hostPath?: Val;
  target?: Val;
  readOnly: boolean;
  /** Bind propagation: `shared`, `rshared`, `slave`, ... */
  propagation?: Val;
  /** Short syntax: the whole scalar (`/a:/b:ro`), for rewriting. */
  scalar?: Val;
  /** Long syntax: the mapping, for adding `read_only: true`; `readOnlyValue` when already present. */
  mapping?: MappingSlot;
  readOnlyValue?: Val;
}

export interface PortBinding extends Item {
  /** `publish-all`: `docker run -P`, every port the image exposes on a random host port of every interface. */
  syntax: 'short' | 'long' | 'dockerfile-expose' | 'publish-all';
  /** Host address: undefined when absent (all interfaces). */
  hostIp?: Val;
  /** Host port or range; undefined when only the container port is given (`"3000"`, `9100`). */
  hostPort?: Val;
  containerPort: Val;
  protocol?: string;
  /** Short syntax: the whole scalar, for rewriting; `isNumber` when it was written as a YAML number. */
  scalar?: Val;
  isNumber?: boolean;
  /** Long syntax: the mapping, for adding `host_ip`. */
  mapping?: MappingSlot;
}

export interface EnvEntry extends Item {
  name: string;
  /** Undefined when the entry has no value (`- NAME`, `NAME:` or `ARG NAME`). */
  value?: Val;
  /** True when the value came from `${...}` interpolation rather than a literal. */
  interpolated: boolean;
  kind: 'environment' | 'env' | 'arg';
  /** Dockerfile: the WORKDIR in effect where the entry is written (undefined when not known). */
  workdir?: string;
}

export interface ListValue extends Item {
  value: string;
  known: boolean;
}

/** One simple command found by the shell parser, with its words (quotes removed) and their ranges. */
export interface ShellWord {
  text: string;
  /** True when the word is a literal (no expansion), so its text is exact. */
  literal: boolean;
  source: Source;
  /** Range of `text[start, end)` when those characters are written as-is (no quote or escape between them). */
  rangeOf?(start: number, end: number): Range | undefined;
}

/**
 * A `NAME=value` the shell sets: before a command (`A=1 cmd`: in that command's environment only), or as an
 * operand of `export`, `declare`, `local`, `readonly`, `typeset` (then `words` are that keyword and its other
 * operands, such as `-x`). Bare assignments (`A=1` alone, a shell variable) are not recorded.
 */
export interface ShellAssignment {
  name: string;
  /** The value, quotes removed; text '' for `NAME=`. Its source is where the value is written. */
  value: ShellWord;
  /** `NAME+=value`. */
  append: boolean;
  /** The whole `NAME=value` as written. */
  source: Source;
}

export interface ShellCommand {
  words: ShellWord[];
  /** Leading `A=1` assignments, or the `NAME=value` operands of `export` and its relatives. */
  assignments?: ShellAssignment[];
  /** Index of this command in its pipeline and the pipeline's commands, for `a | b` checks. */
  pipeline: ShellCommand[];
  pipelineIndex: number;
  /** The command runs inside a command or process substitution whose output feeds `parent`. */
  substitution?: { kind: 'command' | 'process'; parent: ShellCommand };
  /** Edits that remove `words[from..to]` and one adjacent blank (undefined when they are not removable). */
  removeWords?(from: number, to: number): TextEdit[] | undefined;
  /** Edits that remove `assignments[index]` and one adjacent blank (undefined when it is not removable). */
  removeAssignment?(index: number): TextEdit[] | undefined;
}

export interface BuildCommand {
  /** The RUN instruction (a script's command: the pipeline, from its first word to its last). */
  source: Source;
  /** The text of the script as written (continuations joined). */
  script: string;
  /** Commands in execution order; empty when the script could not be parsed (then rules use `script`). */
  commands: ShellCommand[];
  /** Exec form (`RUN ["a","b"]`). */
  execForm: boolean;
  /** Set when a limit stopped the analysis of the script (then `commands` is empty): reported as `analysis-limit`. */
  limit?: { kind: 'too-long' | 'too-deep'; size: number; max: number };
}

export interface Download {
  /** `ADD <url>`: the URL word and the instruction. */
  url: Val;
  instruction: Source;
  hasChecksum: boolean;
}

export interface ContainerLimits {
  pidsLimit?: Val;
  deployPids?: Val;
  memLimit?: Val;
  deployMemory?: Val;
  cpus?: Val;
  cpuQuota?: Val;
  deployCpus?: Val;
}

export interface BuildLink {
  context?: Val;
  dockerfile?: Val;
  target?: Val;
  /** The resolved image stage of the linked Dockerfile, when the project loader found it. */
  stage?: ContainerSpec;
}

/**
 * Where a container comes from: a Compose service, a Dockerfile image stage, a `docker run` / `create` command
 * line (shell scripts, Makefiles, CI workflows; also a GitHub Actions job or service container), a Dev Container
 * (`devcontainer.json`: its keys and `runArgs`), or `script`: not a container but the commands of a script file,
 * CI step, recipe or devcontainer lifecycle command themselves (the RUN rules read them).
 */
export type ContainerOrigin = 'compose' | 'dockerfile' | 'docker-run' | 'devcontainer' | 'script';

/**
 * A container: a Compose service (origin `compose`), a Dockerfile image stage (origin `dockerfile`), a
 * `docker run` command line (origin `docker-run`) or a script's own commands (origin `script`).
 * Fields that a source cannot express stay undefined / empty.
 */
export interface ContainerSpec {
  origin: ContainerOrigin;
  /** Service name, or stage name / `stage N` for a Dockerfile. */
  name: string;
  /** The file the container is declared in. */
  file: string;
  /** Where a missing-setting finding is reported: the service key, or the stage's FROM. */
  declaration: Source;
  /** The whole service block / stage, to tell whether a value is written inside it. */
  extent: Range;
  /** Compose: the service mapping, for adding keys such as `pids_limit`. docker run: adds the flag that
   * carries the Compose key's setting (`pids_limit` → `--pids-limit 200`) right after `run` / `create`. */
  mapping?: MappingSlot;

  image?: Val;
  user?: Val;
  privileged?: Val;
  /**
   * Every setting that makes the container privileged, when there can be several (a dev container's `privileged`
   * key, `--privileged` in its `runArgs`, the docker-in-docker feature): each is reported. Undefined: `privileged`.
   */
  privilegedSources?: Val[];
  readOnly?: Val;
  networkMode?: Val;
  pid?: Val;
  ipc?: Val;
  uts?: Val;
  usernsMode?: Val;
  capAdd: ListValue[];
  /** The cap_add sequence when written in flow style, so a finding can point at `[...]` as a whole. */
  capAddFlow?: Source;
  capDrop: ListValue[];
  securityOpt: ListValue[];
  devices: ListValue[];
  mounts: Mount[];
  ports: PortBinding[];
  limits: ContainerLimits;
  environment: EnvEntry[];
  loggingDriver?: Val;
  build?: BuildLink;
  /** Compose: `pull_policy` (with `build:`, `always`/`daily`/`weekly`/`every_…`/`refresh` pull `image:` from a registry). */
  pullPolicy?: Val;
  /** Compose: names of services this one depends on, links to or shares a network/namespace with. */
  dependsOn: string[];
  /** Compose: `extends:` of the service (the project loader resolves it). */
  extendsRef?: { service: string; file?: string; source: Source };
  /** Compose: `!reset` / `!override` tags on the service's own keys, by key (for merging override files). */
  composeTags?: Record<string, 'reset' | 'override'>;

  /** Dockerfile: the image stage's instructions that matter to rules. */
  dockerfile?: DockerfileStageInfo;
  /** Origin `script`: the file's (or step's) own commands, one BuildCommand per pipeline, for the RUN rules. */
  scripts?: BuildCommand[];
  /**
   * Compose, CLI only: variables of the process environment whose values the settings of this container's file
   * were interpolated with. Messages show `${NAME}` instead of such a value (a CI token must not reach SARIF).
   */
  processEnvValues?: EnvValue[];
  /**
   * Origin `script` of a devcontainer's lifecycle commands: `host` for `initializeCommand` (it runs on the
   * developer's machine, before the container exists), `devcontainer` for the others (they run inside it).
   * Undefined for scripts, recipes and CI steps.
   */
  runsIn?: 'host' | 'devcontainer';
}

export interface UserInstruction {
  user: Val;
  source: Source;
}

export interface FromInstruction {
  /** The image reference; undefined for `scratch` or a reference to an earlier stage. */
  image?: Val;
  /** Name of the earlier stage this FROM builds on, if any. */
  stageRef?: string;
  stageName?: string;
  source: Source;
}

/** Where COPY / ADD puts files of the build context in the image. */
export interface CopyInto {
  /** The destination as an absolute path (WORKDIR applied); undefined when a variable leaves it unknown. */
  destination?: string;
  /** The destination as written, reported at. */
  written: Val;
}

/** An image that an instruction other than FROM pulls: `COPY --from=<image>`, `RUN --mount=...,from=<image>`. */
export interface InstructionImage {
  image: Val;
  /** `COPY --from` or `RUN --mount from`, for messages. */
  via: string;
}

export interface DockerfileStageInfo {
  from: FromInstruction;
  /** Every FROM of the file (image rules look at all of them). Set on the image stage only. */
  allFroms: FromInstruction[];
  /** USER instructions of this stage and the stages it builds on, in order. */
  users: UserInstruction[];
  runs: BuildCommand[];
  downloads: Download[];
  exposes: PortBinding[];
  /** Every RUN of every stage (download rules apply to the whole build). Set on the image stage only. */
  allRuns: BuildCommand[];
  allDownloads: Download[];
  allEnv: EnvEntry[];
  /** COPY / ADD of local files into the image stage and the stages it builds on (not COPY --from, not URLs). */
  copies?: CopyInto[];
  /** Every COPY --from / RUN --mount from= image of every stage (not stage names). Set on the image stage only. */
  allImageRefs?: InstructionImage[];
  /** Where `USER 10001` goes: before the first CMD/ENTRYPOINT of the stage, else after the last line. */
  insertUser(text: string): TextEdit[];
  /**
   * The image stage's platform: `windows` when the file or its stage chain says so (`# escape=\``, a Windows base
   * image such as `mcr.microsoft.com/windows/servercore` or a `*nanoserver*` / `*servercore*` tag, also through an
   * ARG default, `FROM --platform=windows/…`, `SHELL ["cmd"…]` / `["powershell"…]`); `linux` otherwise, `unknown`
   * when the base image is not known. Undefined (hand-built models) reads as `linux`.
   */
  platform?: 'windows' | 'linux' | 'unknown';
  /** The image the image stage's chain of stages starts from (undefined for `scratch`). */
  baseImage?: Val;
}

/** A `# dockwarden-ignore` comment. */
export interface Suppression {
  ids: string[];
  scope: 'line' | 'file';
  /** For `line` scope: the 0-based line the suppression covers (the next line, or its own line). */
  line: number;
  /** A command continued over several lines (`docker run \\`): the last line it covers too (from `line`). */
  lastLine?: number;
  source: Source;
}

/** Everything parsed from one file. */
export interface ParsedFile {
  file: string;
  /** `docker-run`: a shell script, Makefile, CI workflow or Markdown file read for its command lines;
   * `devcontainer`: a `devcontainer.json`. */
  kind: 'compose' | 'dockerfile' | 'docker-run' | 'devcontainer';
  containers: ContainerSpec[];
  suppressions: Suppression[];
  /** Problems found while parsing (syntax errors, limits hit); reported as findings by the engine. */
  problems: ParseProblem[];
  /** Compose: top-level `include:` entries (the project loader resolves them). */
  includes?: IncludeRef[];
  /**
   * Commands written over several lines (`docker run \\` and its continuations, a multi-line YAML scalar): a
   * comment line between two of their lines would end the command, so a line suppression for any of their lines
   * goes above `first` (where it covers every line up to `last`).
   */
  commandSpans?: LineSpan[];
}

/** 0-based first and last lines. */
export interface LineSpan {
  first: number;
  last: number;
}

export interface IncludeRef {
  /** Compose files of the entry, relative to the including file's directory as written. */
  paths: string[];
  projectDirectory?: string;
  envFiles?: string[];
  source: Source;
}

export interface ParseProblem {
  rule: 'parse-error' | 'file-too-large' | 'internal-error' | 'analysis-limit';
  /** English text (the fallback). */
  message: string;
  source: Source;
  /** A message id of the engine finding (shared-rules/src/meta.ts), rendered in the user's language with `args`. */
  messageId?: string;
  args?: Record<string, string>;
}

/** The list and limit fields of a container that sets none of them (each front end fills what is written). */
export function noSettings(): Pick<
  ContainerSpec,
  'capAdd' | 'capDrop' | 'securityOpt' | 'devices' | 'mounts' | 'ports' | 'limits' | 'environment' | 'dependsOn'
> {
  return { capAdd: [], capDrop: [], securityOpt: [], devices: [], mounts: [], ports: [], limits: {}, environment: [], dependsOn: [] };
}
