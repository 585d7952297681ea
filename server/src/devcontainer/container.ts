import type { Node } from 'jsonc-parser';
import type {
  ContainerSpec,
  EnvEntry,
  ListValue,
  MappingSlot,
  Mount,
  PortBinding,
  ShellWord,
  Source,
  TextEdit,
  Val,
} from '../../../shared-rules/src/model';
import { containerOfFlags, resolveValue } from '../docker-run/container';
import type { MappedText } from '../shell/text';
import type { LineIndex } from '../text/line-index';
import type { JsonEdits } from './edits';
import { items, properties, property, stringText, valueOf, verbatim } from './jsonc';
import { hasVariable, substituteVariables } from './variables';
import { pushAll } from '../../../shared-rules/src/bounds';

/**
 * A devcontainer.json's settings → one container (origin `devcontainer`), as the Dev Containers CLI starts it:
 * `docker run` with `-p` for each `appPort` (a number publishes on 127.0.0.1 only, a string as written), `--mount`
 * for each `mounts` item (a string as written; an object as `type=…,src=…,dst=…`), `-e` for `containerEnv`, `-u`
 * for `containerUser`, the `runArgs` as they are, then `--privileged`, `--cap-add` and `--security-opt` from the
 * keys and the features. `runArgs` go through the docker command-line grammar (docker-run/argv.ts); every value
 * read from them is marked `flag`, so messages and fix titles name the flag.
 *
 * Reported at: the item or `"key": value` as written; a missing setting at the `image` / `build` key. Edits are
 * JSONC edits (edits.ts): a removed flag removes its runArgs item(s) (`"-v=/a:/b"` or `"-v", "/a:/b"`), a missing
 * one is appended to `runArgs` (created after the `image` / `build` property when there is none).
 */
export interface JsonContext {
  file: string;
  index: LineIndex;
  edits: JsonEdits;
}

/** The features known to weaken the container, by id without registry path or version. */
const SOCKET_FEATURES = new Set(['docker-outside-of-docker', 'docker-from-docker']);
const PRIVILEGED_FEATURES = new Set(['docker-in-docker']);
/** `ghcr.io/devcontainers/features/<id>[:version|@digest]`, or the short id of the features before that registry. */
const FEATURE_ID = /^(?:ghcr\.io\/devcontainers\/features\/)?([a-z0-9-]+)(?:[:@].*)?$/i;

/** Flags a missing setting is added as (a Compose key, as the rules name it → one runArgs item). */
const FLAG_FOR_KEY: Record<string, (value: string) => string | undefined> = {
  pids_limit: (v) => `--pids-limit=${v}`,
  mem_limit: (v) => `--memory=${v}`,
  cpus: (v) => `--cpus=${v}`,
  read_only: (v) => (v === 'true' ? '--read-only' : undefined),
  cap_drop: (v) => (v === '[ALL]' ? '--cap-drop=ALL' : undefined),
  security_opt: (v) => (/no-new-privileges/.test(v) ? '--security-opt=no-new-privileges' : undefined),
};

export interface ContainerBase {
  name: string;
  declaration: Source;
  /** The property whose key is the declaration (`image` / `build`), after which a new `runArgs` goes. */
  anchor?: Node;
  /** Compose-based: only the keys that apply to the service (no runArgs, appPort, image or build). */
  compose: boolean;
}

/** The container of a devcontainer.json's root object. */
export function devcontainerOf(root: Node, ctx: JsonContext, base: ContainerBase): ContainerSpec {
  const runArgs = base.compose ? undefined : valueOf(root, 'runArgs');
  const c = flagsContainer(runArgs, ctx, base);
  markFlags(c);
  c.origin = 'devcontainer';
  c.extent = ctx.index.range(root.offset, root.offset + root.length);
  c.mapping = runArgsSlot(root, runArgs, ctx, base);
  // Array literals, not unshift(...): a spread of a few hundred thousand arguments overflows the stack.
  c.mounts = [...mountsOf(valueOf(root, 'mounts'), ctx), ...c.mounts];
  if (!base.compose) {
    // `workspaceMount` replaces the workspace's bind mount (`source=/` hands over the host); removing it would
    // change which folder is the workspace, so it gets no removal fix.
    const workspace = valueOf(root, 'workspaceMount');
    const m = workspace?.type === 'string' ? stringMount(workspace, ctx) : undefined;
    if (m) c.mounts.unshift(m);
    c.ports = [...appPorts(root, ctx), ...c.ports];
    c.image = imageOf(valueOf(root, 'image'), ctx);
  }
  c.environment = [...envEntries(root, 'containerEnv', ctx), ...envEntries(root, 'remoteEnv', ctx), ...c.environment];
  const user = scalarVal(root, 'containerUser', ctx);
  if (user && !c.user) c.user = user;
  const privileged = booleanVal(root, 'privileged', ctx);
  const sources = [privileged, c.privileged].filter((v): v is Val => v !== undefined);
  pushAll(c.capAdd, listOf(valueOf(root, 'capAdd'), ctx));
  pushAll(c.securityOpt, listOf(valueOf(root, 'securityOpt'), ctx));
  applyFeatures(valueOf(root, 'features'), c, sources, ctx);
  if (sources.length > 0) {
    c.privilegedSources = sources;
    c.privileged = sources.find((v) => v.known && v.value === 'true') ?? sources[0];
  }
  return c;
}

/** `runArgs` read as `docker create` flags; a removed flag removes its items. */
function flagsContainer(runArgs: Node | undefined, ctx: JsonContext, base: ContainerBase): ContainerSpec {
  const words: ShellWord[] = [];
  const owners: number[] = [];
  items(runArgs).forEach((n, i) => {
    const w = wordOf(n, ctx);
    if (!w) return;
    words.push(w.word);
    owners.push(i);
  });
  const removeWords = (from: number, to: number): TextEdit[] | undefined => {
    // Words 0 and 1 are the made-up `docker create`.
    const owned = owners.slice(from - 2, to - 1);
    if (!runArgs || from < 2 || owned.length !== to - from + 1) return undefined;
    const edits = ctx.edits.removeItems(runArgs, owned);
    return edits.length > 0 ? edits : undefined;
  };
  const extent = base.declaration.range;
  return containerOfFlags(
    words,
    { file: ctx.file, index: ctx.index, removeWords },
    { name: base.name, declaration: base.declaration, extent },
  );
}

/** Every value read from `runArgs` is a flag (for messages and fix titles). */
function markFlags(c: ContainerSpec): void {
  const vals = [c.privileged, c.user, c.networkMode, c.pid, c.ipc, c.uts, c.usernsMode, c.readOnly, c.loggingDriver];
  for (const v of [...vals, ...Object.values(c.limits), ...c.environment.map((e) => e.value)]) if (v) v.flag = true;
}

/** A JSON string (or number) as an argv word: the text the program gets, the string's range, verbatim ranges. */
export function wordOf(node: Node, ctx: JsonContext): { word: ShellWord; mapped: MappedText } | undefined {
  let mapped: MappedText;
  if (node.type === 'string') {
    mapped = substituteVariables(stringText(ctx.index.text, node));
  } else if (node.type === 'number' || node.type === 'boolean') {
    const t = ctx.index.text.slice(node.offset, node.offset + node.length);
    mapped = { text: t, offsets: Array.from({ length: t.length }, () => -1) };
  } else {
    return undefined;
  }
  const word: ShellWord = {
    text: mapped.text,
    literal: !hasVariable(mapped.text),
    source: sourceOf(node, ctx),
    rangeOf: (from, to) => {
      const v = verbatim(mapped, from, to);
      return v && ctx.index.range(v[0], v[1]);
    },
  };
  return { word, mapped };
}

export function sourceOf(node: Node, ctx: JsonContext): Source {
  return { file: ctx.file, range: ctx.index.range(node.offset, node.offset + node.length) };
}

/** A string's value as a Val (variables substituted; home and project resolved, others unknown). */
function stringVal(node: Node, ctx: JsonContext, source = sourceOf(node, ctx)): Val | undefined {
  const w = wordOf(node, ctx);
  if (!w) return undefined;
  const { value, known } = resolveValue(w.word.text, w.word.literal);
  const v: Val = { value, known, source };
  if (!w.word.literal) v.raw = w.word.text;
  v.replace = (next) => {
    const range = w.word.rangeOf?.(0, w.word.text.length);
    return range && node.type === 'string' && /^[\w.:,/[\]@=-]*$/.test(next) ? [{ file: ctx.file, range, newText: next }] : [];
  };
  return v;
}

function imageOf(node: Node | undefined, ctx: JsonContext): Val | undefined {
  return node?.type === 'string' ? stringVal(node, ctx) : undefined;
}

/** `"key": "value"` as a Val reported at the property, removable. */
function scalarVal(root: Node, key: string, ctx: JsonContext): Val | undefined {
  const p = property(root, key);
  const node = p?.children?.[1];
  if (!p || node?.type !== 'string') return undefined;
  const v = stringVal(node, ctx, sourceOf(p, ctx));
  if (v) v.removeEntry = () => ctx.edits.removeProperty(p);
  return v;
}

/** `"privileged": true` (a boolean; anything else is not a setting the CLI reads). */
function booleanVal(root: Node, key: string, ctx: JsonContext): Val | undefined {
  const p = property(root, key);
  const node = p?.children?.[1];
  if (!p || node?.type !== 'boolean') return undefined;
  return { value: String(node.value), known: true, source: sourceOf(p, ctx), removeEntry: () => ctx.edits.removeProperty(p) };
}

/** `capAdd`, `securityOpt`: string items, each removable. */
function listOf(array: Node | undefined, ctx: JsonContext): ListValue[] {
  const out: ListValue[] = [];
  items(array).forEach((n, i) => {
    const v = n.type === 'string' ? stringVal(n, ctx) : undefined;
    if (v) out.push({ value: v.value, known: v.known, source: v.source, remove: () => ctx.edits.removeItems(array!, [i]) });
  });
  return out;
}

/** `containerEnv` / `remoteEnv`: `"NAME": "value"` entries. */
function envEntries(root: Node, key: string, ctx: JsonContext): EnvEntry[] {
  const out: EnvEntry[] = [];
  for (const p of properties(valueOf(root, key))) {
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(p.key)) continue;
    const source = sourceOf(p.property, ctx);
    const remove = () => ctx.edits.removeProperty(p.property);
    const w = p.value?.type === 'string' ? wordOf(p.value, ctx) : undefined;
    if (!w) {
      out.push({ name: p.key, interpolated: false, kind: 'environment', source, remove });
      continue;
    }
    const interpolated = !w.word.literal;
    const value: Val = { value: interpolated ? '' : w.word.text, known: !interpolated, source };
    out.push({ name: p.key, value, interpolated, kind: 'environment', source, remove });
  }
  return out;
}

/** `mounts`: strings are `--mount` values; objects `{ type, source, target }`. */
function mountsOf(array: Node | undefined, ctx: JsonContext): Mount[] {
  const out: Mount[] = [];
  items(array).forEach((n, i) => {
    const remove = () => ctx.edits.removeItems(array!, [i]);
    const m = n.type === 'string' ? stringMount(n, ctx, remove) : n.type === 'object' ? objectMount(n, ctx, remove) : undefined;
    if (m) out.push(m);
  });
  return out;
}

function stringMount(node: Node, ctx: JsonContext, remove?: () => TextEdit[]): Mount | undefined {
  const w = wordOf(node, ctx);
  if (!w) return undefined;
  const flag: ShellWord = { text: '--mount', literal: true, source: w.word.source, synthetic: true } as ShellWord;
  const c = containerOfFlags(
    [flag, w.word],
    { file: ctx.file, index: ctx.index, removeWords: () => undefined },
    {
      name: '',
      declaration: w.word.source,
      extent: w.word.source.range,
    },
  );
  const m = c.mounts[0];
  if (!m) return undefined;
  if (remove) m.remove = remove;
  else delete m.remove;
  // `read_only: true` (sensitive-host-mount's fix): `,readonly` goes in before the closing quote.
  if (!m.readOnly && m.type !== 'unknown') {
    m.mapping = {
      addEntry: (key, value) =>
        key === 'read_only' && value === 'true' ? ctx.edits.insertAt(node.offset + node.length - 1, ',readonly') : [],
    };
  }
  return m;
}

function objectMount(node: Node, ctx: JsonContext, remove: () => TextEdit[]): Mount | undefined {
  const source = sourceOf(node, ctx);
  const text = (key: string) => {
    const v = valueOf(node, key);
    return v?.type === 'string' ? stringVal(v, ctx, source) : undefined;
  };
  const typeText = text('type')?.value.toLowerCase() ?? '';
  const type = typeText === 'bind' || typeText === 'volume' ? typeText : 'unknown';
  const hostPath = text('source');
  const target = text('target');
  return { syntax: 'long', type, readOnly: false, source, remove, ...(hostPath ? { hostPath } : {}), ...(target ? { target } : {}) };
}

/** `appPort`: a number is published on 127.0.0.1 only (`127.0.0.1:N:N`); a string is a `-p` value. */
function appPorts(root: Node, ctx: JsonContext): PortBinding[] {
  const p = property(root, 'appPort');
  const node = p?.children?.[1];
  if (!p || !node) return [];
  const list =
    node.type === 'array'
      ? items(node).map((n, i) => ({ n, remove: () => ctx.edits.removeItems(node, [i]) }))
      : [{ n: node, remove: () => ctx.edits.removeProperty(p) }];
  const out: PortBinding[] = [];
  for (const { n, remove } of list) {
    const source = sourceOf(n, ctx);
    if (n.type === 'number') {
      const mk = (value: string): Val => ({ value, known: true, source });
      out.push({
        syntax: 'short',
        hostIp: mk('127.0.0.1'),
        hostPort: mk(String(n.value)),
        containerPort: mk(String(n.value)),
        source,
        remove,
      });
      continue;
    }
    const w = n.type === 'string' ? wordOf(n, ctx) : undefined;
    if (!w) continue;
    const flag: ShellWord = { text: '-p', literal: true, source, synthetic: true } as ShellWord;
    const c = containerOfFlags(
      [flag, w.word],
      { file: ctx.file, index: ctx.index, removeWords: () => undefined },
      {
        name: '',
        declaration: source,
        extent: source.range,
      },
    );
    for (const port of c.ports) out.push({ ...port, remove });
  }
  return out;
}

/** The two features that weaken the container, reported at their key. */
function applyFeatures(features: Node | undefined, c: ContainerSpec, privileged: Val[], ctx: JsonContext): void {
  for (const f of properties(features)) {
    const id = FEATURE_ID.exec(f.key.trim())?.[1]?.toLowerCase();
    if (!id) continue;
    const source = sourceOf(f.keyNode, ctx);
    if (SOCKET_FEATURES.has(id)) {
      const mk = (value: string): Val => ({ value, known: true, source });
      c.mounts.push({
        syntax: 'long',
        type: 'bind',
        hostPath: mk('/var/run/docker.sock'),
        target: mk('/var/run/docker-host.sock'),
        readOnly: false,
        source,
        feature: f.key,
      });
    } else if (PRIVILEGED_FEATURES.has(id)) {
      privileged.push({ value: 'true', known: true, source, feature: f.key });
    }
  }
}

/** Adds a missing flag to `runArgs` (a new `runArgs` after the `image` / `build` property when there is none). */
function runArgsSlot(root: Node, runArgs: Node | undefined, ctx: JsonContext, base: ContainerBase): MappingSlot | undefined {
  if (base.compose) return undefined;
  return {
    addEntry: (key, value) => {
      const flag = FLAG_FOR_KEY[key]?.(value);
      if (!flag) return [];
      const json = JSON.stringify(flag);
      if (runArgs?.type === 'array') return ctx.edits.appendItem(runArgs, json);
      if (runArgs || !base.anchor || base.anchor.parent !== root) return [];
      return ctx.edits.insertPropertyAfter(base.anchor, 'runArgs', `[${json}]`);
    },
  };
}
