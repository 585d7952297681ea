import type { ContainerSpec, ParsedFile } from '../../../shared-rules/src/model';
import { movedCopy, type LineShift } from '../../../shared-rules/src/shift';
import { builtImage } from '../../../shared-rules/src/image-ref';
import type { FileAccess } from '../fs';
import type { LoadResult } from '../analysis/frontend';
import type { ComposeProject } from '../project/project';
import { scanSuppressions } from '../suppressions';
import { checkNesting } from './depth';
import { aliasCountsOf, DEFAULT_MAX_ALIASES, DEFAULT_MAX_BYTES, DEFAULT_MAX_NODES, type AliasCounts } from './parse';
import { blockHolding, serviceLayout, topHolding, type ServiceLayout } from './service-blocks';

/**
 * The typing path of a Compose file being edited. When an edit stays inside one service's block, only that
 * service is parsed again: the other services are blanked out of the text (same line numbers), and their
 * containers from the previous version are kept — the same objects when nothing moved them, copies moved by the
 * edit's line delta otherwise (the analysis core then moves their findings too instead of running the rules
 * again). The file may have override files (they only refine its services; their parses are kept by the parse
 * cache). Every condition that could make the result differ from a full load sends the caller to a full load:
 * files that add services or include others, anchors or `extends` among the services or in an override file,
 * syntax problems, changed dependencies.
 *
 * Assumes, as the rules do today, that a rule reads only the `name` and `dependsOn` of the other containers in
 * `RuleContext.project`; a service whose `dependsOn` changes is loaded in full.
 */
export interface TypingState {
  file: string;
  text: string;
  layout: ServiceLayout;
  containers: ContainerSpec[];
  /** The project's other parsed files (override files: they declare no service of their own here). */
  others: ParsedFile[];
  /** Every other file the load read and what it read (undefined: absent). */
  reads: Map<string, string | undefined>;
  /** The override files of the project, in order (their services merge into this file's). */
  overrides: string[];
  /** Dependencies are the files read before any `build:` link, then each service's Dockerfile in order. */
  pre: string[];
  dockerfiles: Array<string | undefined>;
  /** The project's other Compose files (they only refine this one's services while the state lasts). */
  composeSources: string[];
  /** Upper bounds of the alias expansion of the whole text (the parser refuses alias bombs past the limits). */
  aliases: number;
  nodes: number;
  /** Lines where anchors are defined (none inside the services). */
  anchorLines: number[];
}

/** Loads a project from `files` (whose own file reads as the text given); the front end's full load. */
export type ProjectLoad = (file: string, files: FileAccess) => ComposeProject;

export interface TypingLoad {
  result: LoadResult;
  /** For the next version of the document; undefined when this one does not qualify. */
  state?: TypingState;
  /** Only the edited service was parsed again (tests and the bench count these). */
  fast: boolean;
}

/** The same model and dependencies as a full load of `text`; faster when `prev` is the load of an earlier version. */
export function typingLoad(load: ProjectLoad, file: string, text: string, files: FileAccess, prev: TypingState | undefined): TypingLoad {
  if (prev) {
    try {
      const fast = fastLoad(load, prev, file, text, files);
      if (fast) return fast;
    } catch {
      // A bug here must not cost the user a lint: the full path below decides.
    }
  }
  return fullLoad(load, file, text, files);
}

/** An `extends` key, however written (other services would inherit from the edited one). */
const EXTENDS = /(?:^|[\s{,])["']?extends["']?\s*:/;

/** Records what the loader reads, so a later load can tell whether any of it changed. */
function recording(files: FileAccess, own: string, reads: Map<string, string | undefined>, ownText?: string): FileAccess {
  return {
    readText(f) {
      if (f === own && ownText !== undefined) return ownText;
      const text = files.readText(f);
      if (f !== own) reads.set(f, text);
      return text;
    },
  };
}

function fullLoad(load: ProjectLoad, own: string, text: string, files: FileAccess): TypingLoad {
  const reads = new Map<string, string | undefined>();
  const project = load(own, recording(files, own, reads));
  const dependencies = project.dependencies.filter((f) => f !== own);
  const references = projectReferences(project.composeSources, project.dockerfiles.values(), own, files);
  const result: LoadResult = { files: project.parsed, dependencies, references };
  const parsed = project.parsed[0];
  const layout = serviceLayout(text);
  const counts = parsed && aliasCountsOf(parsed);
  const qualifies =
    parsed?.file === own &&
    onlyRefine(project, reads) &&
    parsed.problems.length === 0 &&
    !parsed.includes?.length &&
    counts !== undefined &&
    layout !== undefined &&
    sameNames(parsed.containers, layout) &&
    !counts.anchorLines.some((line) => line >= layout.blocks[0].keyLine && line < layout.blocks[layout.blocks.length - 1].endLine) &&
    !layout.blocks.some((b) => linesHave(layout.lines, b.keyLine, b.endLine, EXTENDS));
  const dockerfiles = parsed ? parsed.containers.map((c) => project.dockerfiles.get(c.name)) : [];
  const built = new Set(dockerfiles);
  const pre = dependencies.filter((f) => !built.has(f));
  if (!qualifies || !sameList(dependencies, dependencyOrder(pre, dockerfiles))) return { result, fast: false };
  const state: TypingState = {
    file: own,
    text,
    layout,
    containers: parsed.containers,
    others: project.parsed.slice(1),
    reads,
    overrides: project.composeFiles.slice(1),
    pre,
    dockerfiles,
    composeSources: project.composeSources,
    aliases: counts.aliases,
    nodes: counts.nodes,
    anchorLines: counts.anchorLines,
  };
  return { result, state, fast: false };
}

/**
 * The project's other compose files (override files) only refine this file's services: they declare none of
 * their own, include nothing, parse cleanly and use no `extends` (which could reach the edited service).
 */
function onlyRefine(project: ComposeProject, reads: ReadonlyMap<string, string | undefined>): boolean {
  return project.parsed.slice(1).every((p) => {
    const text = reads.get(p.file);
    return p.containers.length === 0 && !p.includes?.length && p.problems.length === 0 && text !== undefined && !EXTENDS.test(text);
  });
}

interface LineEdit {
  first: number;
  oldLast: number;
  newLast: number;
  /** Lines added (negative: removed). */
  delta: number;
}

/** The fast path; undefined whenever it cannot be sure to match a full load. */
function fastLoad(load: ProjectLoad, prev: TypingState, file: string, text: string, files: FileAccess): TypingLoad | undefined {
  if (file !== prev.file) return undefined;
  if (text.length * 3 > DEFAULT_MAX_BYTES || checkNesting(text)) return undefined;
  const layout = serviceLayout(text);
  if (!layout || layout.blocks.length !== prev.layout.blocks.length || layout.tops.length !== prev.layout.tops.length) return undefined;

  // The changed lines: [first, oldLast] before the edit, [first, newLast] after it.
  const before = prev.layout.lines;
  const after = layout.lines;
  let first = 0;
  while (first < before.length && first < after.length && before[first] === after[first]) first++;
  let tail = 0;
  while (tail < before.length - first && tail < after.length - first && before[before.length - 1 - tail] === after[after.length - 1 - tail])
    tail++;
  const edit: LineEdit = {
    first,
    oldLast: before.length - 1 - tail,
    newLast: after.length - 1 - tail,
    delta: after.length - before.length,
  };
  if (!sameShape(prev.layout, layout, edit)) return undefined;
  const env: FastEnv = { load, prev, text, files, layout, edit };
  const b = blockHolding(prev.layout, edit.first, edit.oldLast);
  if (b >= 0) return blockHolding(layout, edit.first, edit.newLast) === b ? reloadService(env, b) : undefined;
  const t = topHolding(prev.layout, edit.first, edit.oldLast);
  if (t >= 0 && topHolding(layout, edit.first, edit.newLast) === t) return reloadTopLevel(env, t);
  return undefined;
}

interface FastEnv {
  load: ProjectLoad;
  prev: TypingState;
  text: string;
  files: FileAccess;
  layout: ServiceLayout;
  edit: LineEdit;
}

/** Same services and top-level keys, each starting and ending where the edit moved it. */
function sameShape(old: ServiceLayout, now: ServiceLayout, edit: LineEdit): boolean {
  // keyLine and endLine are where lines start: those after the replaced lines move by the delta.
  const moved = (line: number) => (line > edit.oldLast ? line + edit.delta : line);
  const same = (o: { keyLine: number; endLine: number }, n: { keyLine: number; endLine: number }) =>
    n.keyLine === moved(o.keyLine) && n.endLine === moved(o.endLine);
  return (
    old.blocks.every((o, j) => o.name === now.blocks[j].name && same(o, now.blocks[j])) &&
    old.tops.every((o, j) => o.key === now.tops[j].key && same(o, now.tops[j]))
  );
}

/** Text with only lines [from, to) kept; the others empty, so line numbers stay. */
function keepOnly(lines: readonly string[], ranges: ReadonlyArray<readonly [number, number]>): string {
  const masked = new Array<string>(lines.length).fill('');
  for (const [from, to] of ranges) for (let i = from; i < to; i++) masked[i] = lines[i];
  return masked.join('\n');
}

/** An edit inside one service: that service is parsed again (with the top-level entries it may refer to). */
function reloadService(env: FastEnv, b: number): TypingLoad | undefined {
  const { prev, layout, edit } = env;
  const block = layout.blocks[b];
  if (linesHave(layout.lines, block.keyLine, block.endLine, EXTENDS)) return undefined;
  if (!layout.tops.some((t) => t.key === 'services')) return undefined;
  // The other services' lines become empty lines.
  const text = keepOnly(layout.lines, [
    [0, layout.blocks[0].keyLine],
    [block.keyLine, block.endLine],
    [layout.blocks[layout.blocks.length - 1].endLine, layout.lines.length],
  ]);
  const masked = loadMasked(env, text);
  if (!masked) return undefined;
  const { parsed, counts, project } = masked;
  const service = parsed.containers[0];
  if (parsed.containers.length !== 1 || service.name !== block.name) return undefined;
  // Anchors among the services could be used by other services (or shadow those above them).
  if (counts.anchorLines.some((line) => line >= block.keyLine && line < block.endLine)) return undefined;
  // Other services' findings depend on this one only through its `depends_on` (network-none-suggested) and the
  // image it builds (the image rules do not judge a service that runs it).
  if (!sameList(service.dependsOn, prev.containers[b].dependsOn)) return undefined;
  if (builtImage(service) !== builtImage(prev.containers[b])) return undefined;
  // Dependencies: the same files read before the `build:` links, then this service's Dockerfile.
  const maskedDependencies = project.dependencies.filter((f) => f !== prev.file);
  const dockerfile = project.dockerfiles.get(service.name);
  const pre = maskedDependencies.filter((f) => f !== dockerfile);
  if (!sameList(pre, prev.pre) || !sameList(maskedDependencies, dependencyOrder(pre, [dockerfile]))) return undefined;
  if (dockerfile !== undefined && pre.includes(dockerfile)) return undefined;
  if (!sameReads(prev, env.files, masked.reads)) return undefined;

  const old = prev.layout.blocks[b];
  const shift: LineShift = { file: prev.file, fromLine: old.endLine, delta: edit.delta };
  const containers = prev.containers.map((c, j) => (j === b ? service : j > b ? movedCopy(c, shift) : c));
  const dockerfiles = prev.dockerfiles.slice();
  dockerfiles[b] = dockerfile;
  return finish(env, {
    containers,
    dockerfiles,
    reads: masked.reads,
    counts,
    anchorLines: movedLines(prev.anchorLines, old.endLine, edit.delta),
  });
}

/**
 * An edit inside a top-level entry the model does not read (`volumes:`, `networks:`, an `x-` entry without
 * anchors, comments before the first key): that entry alone is parsed again, for its syntax; every service
 * stays, moved by the edit's line delta when it comes after the entry.
 */
function reloadTopLevel(env: FastEnv, t: number): TypingLoad | undefined {
  const { prev, layout, edit } = env;
  const top = layout.tops[t];
  const old = prev.layout.tops[t];
  if (MODEL_KEYS.has(top.key)) return undefined;
  // Before the first key only comments are inert (an indented line there is a syntax error in full).
  if (top.key === '' && !linesAllComments(layout.lines, top.keyLine, top.endLine)) return undefined;
  // An anchor here may be what the services' aliases expand.
  if (prev.anchorLines.some((line) => line >= old.keyLine && line < old.endLine)) return undefined;
  let reads: ReadonlyMap<string, string | undefined> = new Map();
  let counts: AliasCounts = { aliases: 0, nodes: 0, anchorLines: [] };
  if (top.key !== '') {
    // Its lines alone, without the others' line numbers: nothing of this parse but its problems is used.
    const masked = loadMasked(env, layout.lines.slice(top.keyLine, top.endLine).join('\n'));
    if (!masked) return undefined;
    if (masked.parsed.containers.length > 0 || masked.counts.anchorLines.length > 0) return undefined;
    if (
      !sameList(
        masked.project.dependencies.filter((f) => f !== prev.file),
        prev.pre,
      )
    )
      return undefined;
    ({ reads, counts } = masked);
  }
  if (!sameReads(prev, env.files, reads)) return undefined;
  const shift: LineShift = { file: prev.file, fromLine: old.endLine, delta: edit.delta };
  const containers = prev.containers.map((c) => movedCopy(c, shift));
  return finish(env, {
    containers,
    dockerfiles: prev.dockerfiles,
    reads,
    counts,
    anchorLines: movedLines(prev.anchorLines, old.endLine, edit.delta),
  });
}

/** Top-level keys the Compose model reads. */
const MODEL_KEYS = new Set(['services', 'include']);

interface MaskedLoad {
  parsed: ParsedFile;
  counts: AliasCounts;
  project: ComposeProject;
  reads: Map<string, string | undefined>;
}

/** The project loaded from a masked text; undefined unless it is this one clean file within the alias limits. */
function loadMasked(env: FastEnv, text: string): MaskedLoad | undefined {
  const { prev } = env;
  const own = prev.file;
  const reads = new Map<string, string | undefined>();
  const project = env.load(own, recording(env.files, own, reads, text));
  const parsed = project.parsed[0];
  const counts = parsed && aliasCountsOf(parsed);
  if (parsed?.file !== own || parsed.problems.length > 0 || parsed.includes?.length || !counts) return undefined;
  // The same override files (what they declare alone, with this file's services blanked, is not used).
  if (!sameList(project.composeFiles.slice(1), prev.overrides) || project.parsed.length !== 1 + prev.overrides.length) return undefined;
  if (prev.aliases + counts.aliases > DEFAULT_MAX_ALIASES || prev.nodes + counts.nodes > DEFAULT_MAX_NODES) return undefined;
  return { parsed, counts, project, reads };
}

/** Every file read before is read the same now (re-read through `files` if the masked load did not read it). */
function sameReads(prev: TypingState, files: FileAccess, reads: ReadonlyMap<string, string | undefined>): boolean {
  for (const [f, t] of reads) if (prev.reads.has(f) && prev.reads.get(f) !== t) return false;
  for (const [f, t] of prev.reads) if (!reads.has(f) && files.readText(f) !== t) return false;
  return true;
}

interface Reloaded {
  containers: ContainerSpec[];
  dockerfiles: Array<string | undefined>;
  reads: ReadonlyMap<string, string | undefined>;
  counts: AliasCounts;
  anchorLines: number[];
}

function finish(env: FastEnv, next: Reloaded): TypingLoad {
  const { prev, text, layout } = env;
  const own: ParsedFile = {
    file: prev.file,
    kind: 'compose',
    containers: next.containers,
    suppressions: scanSuppressions(prev.file, text),
    problems: [],
  };
  const reads = new Map(prev.reads);
  for (const [f, t] of next.reads) reads.set(f, t);
  const dependencies = dependencyOrder(prev.pre, next.dockerfiles);
  const state: TypingState = {
    ...prev,
    text,
    layout,
    containers: next.containers,
    reads,
    dockerfiles: next.dockerfiles,
    aliases: prev.aliases + next.counts.aliases,
    nodes: prev.nodes + next.counts.nodes,
    anchorLines: next.anchorLines,
  };
  const references = projectReferences(prev.composeSources, next.dockerfiles, prev.file, env.files);
  return { result: { files: [own, ...prev.others], dependencies, references }, state, fast: true };
}

function movedLines(lines: readonly number[], from: number, delta: number): number[] {
  return lines.map((l) => (l >= from ? l + delta : l));
}

function dependencyOrder(pre: readonly string[], dockerfiles: ReadonlyArray<string | undefined>): string[] {
  const out = new Set(pre);
  for (const d of dockerfiles) if (d !== undefined) out.add(d);
  return [...out];
}

function sameNames(containers: readonly ContainerSpec[], layout: ServiceLayout): boolean {
  return containers.length === layout.blocks.length && containers.every((c, i) => c.name === layout.blocks[i].name);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function linesAllComments(lines: readonly string[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const t = lines[i].trimStart();
    if (t !== '' && !t.startsWith('#')) return false;
  }
  return true;
}

function linesHave(lines: readonly string[], from: number, to: number, pattern: RegExp): boolean {
  for (let i = from; i < to; i++) if (pattern.test(lines[i])) return true;
  return false;
}

/** The project's other Compose files and the Dockerfiles its services build, those that exist. */
export function projectReferences(
  composeSources: Iterable<string>,
  dockerfiles: Iterable<string | undefined>,
  own: string,
  files: FileAccess,
): Array<{ file: string; kind: string }> {
  const out: Array<{ file: string; kind: string }> = [];
  for (const file of composeSources) if (file !== own) out.push({ file, kind: 'compose' });
  for (const file of new Set(dockerfiles)) {
    if (file !== undefined && files.readText(file) !== undefined) out.push({ file, kind: 'dockerfile' });
  }
  return out;
}
