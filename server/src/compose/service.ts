import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type {
  BuildLink,
  ContainerLimits,
  ContainerSpec,
  EnvEntry,
  ListValue,
  Mount,
  MountType,
  PortBinding,
  Source,
  TextEdit,
  Val,
} from '../../../shared-rules/src/model';
import { contentEnd, mappingSlot, removeMapEntry, removeSeqItem, replaceScalar, type EditContext } from './edits';
import { hasVariables, interpolate, type Env, type Interpolated, type InterpolationContext } from './interpolate';
import { isHostPath, isNamedPipe, parseShortPort, parseShortVolume, PROPAGATIONS, splitColons, type Part } from './short-syntax';
import type { Entry, YamlView } from './yaml-view';

const MOUNT_TYPES: readonly MountType[] = ['bind', 'volume', 'tmpfs', 'npipe', 'cluster', 'image'];

/** The scalar's text before tag resolution: `true`, `200`, `8080:80` as written (unquoted). */
function scalarText(node: Scalar): string {
  if (typeof node.source === 'string') return node.source;
  return node.value === null || node.value === undefined ? '' : String(node.value);
}

/** Where a limit made an interpolated value unknown (the parse reports it as `analysis-limit`). */
export interface LimitHit {
  kind: 'value' | 'budget';
  node: Scalar;
}

/** Builds ContainerSpecs from service mappings; one instance per parse. */
export class ServiceBuilder {
  constructor(
    private readonly ctx: EditContext,
    private readonly view: YamlView,
    private readonly env: Env,
    /** Indentation step of the `services:` mapping, for a first entry under an empty service. */
    private readonly step: number | undefined,
    /** The parse's expansion budget and the sink of process-environment values (shared with `include:`). */
    private readonly interpolation: InterpolationContext = {},
    /** Receives each value a limit made unknown. */
    private readonly onLimit: (hit: LimitHit) => void = () => undefined,
  ) {}

  private interpolate(raw: string, node: Scalar): Interpolated {
    const r = interpolate(raw, this.env, this.interpolation);
    if (r.limit) this.onLimit({ kind: r.limit, node });
    return r;
  }

  private get file(): string {
    return this.ctx.file;
  }

  source(start: number, end: number): Source {
    return { file: this.file, range: this.ctx.lines.range(start, end) };
  }

  nodeSource(node: Node): Source {
    const r = node.range ?? [0, 0, 0];
    return this.source(r[0], isScalar(node) ? r[1] : contentEnd(node, this.ctx.text));
  }

  /** Offset in the text of the scalar's first value character, when its text is written verbatim. */
  private verbatimStart(node: Scalar, value: string): number | undefined {
    const r = node.range;
    if (!r) return undefined;
    const t = this.ctx.text;
    if (node.type === 'PLAIN') return t.slice(r[0], r[1]) === value ? r[0] : undefined;
    if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') return t.slice(r[0] + 1, r[1] - 1) === value ? r[0] + 1 : undefined;
    return undefined;
  }

  /** Vals by node: a value inherited by many services (an anchor) is built once. */
  private readonly vals = [new Map<Scalar, Val>(), new Map<Scalar, Val>(), new Map<Scalar, Val>()];

  scalarVal(node: Scalar, entry?: Entry, forceQuote = false): Val {
    const cache = this.vals[entry ? 0 : forceQuote ? 1 : 2];
    let val = cache.get(node);
    if (!val) {
      val = this.makeVal(node, entry, forceQuote);
      cache.set(node, val);
    }
    return val;
  }

  private makeVal(node: Scalar, entry: Entry | undefined, forceQuote: boolean): Val {
    const raw = scalarText(node);
    const r = this.interpolate(raw, node);
    const ctx = this.ctx;
    const val: Val = {
      value: r.value,
      known: r.known,
      source: this.nodeSource(node),
      replace: (text: string) => replaceScalar(ctx, node, text, forceQuote),
    };
    if (r.interpolated) val.raw = raw;
    if (entry) val.removeEntry = () => removeMapEntry(ctx, entry.map, entry.pair);
    return val;
  }

  /** A setting's value; undefined when absent, empty (`key:`), reset (`!reset`) or not a scalar. */
  val(entry: Entry | undefined, forceQuote = false): Val | undefined {
    if (!entry || isReset(entry)) return undefined;
    const node = entry.value;
    if (!node || !isScalar(node) || node.value === null) return undefined;
    return this.scalarVal(node, entry, forceQuote);
  }

  /** A part of a scalar (`/host` in `/host:/ctr:ro`): its own range when the text is verbatim, else the scalar's. */
  private partVal(node: Scalar, part: Part, mapped: boolean, whole: Source, interpolateIt: boolean): Val {
    let value = part.text;
    let known = true;
    let raw: string | undefined;
    if (interpolateIt) {
      const r = this.interpolate(part.text, node);
      value = r.value;
      known = r.known;
      if (r.interpolated) raw = part.text;
    }
    const base = mapped ? this.verbatimStart(node, scalarText(node)) : undefined;
    const source = base !== undefined ? this.source(base + part.start, base + part.start + part.text.length) : whole;
    const v: Val = { value, known, source };
    if (raw !== undefined) v.raw = raw;
    return v;
  }

  private seqEntry(entry: Entry | undefined): YAMLSeq | undefined {
    if (!entry || isReset(entry)) return undefined;
    return entry.value && isSeq(entry.value) ? (entry.value as YAMLSeq) : undefined;
  }

  private mapEntry(entry: Entry | undefined): YAMLMap | undefined {
    if (!entry || isReset(entry)) return undefined;
    return entry.value && isMap(entry.value) ? (entry.value as YAMLMap) : undefined;
  }

  /** Removal of item `i`; the parent `key:` goes too when the item is the last one and the key is not shared. */
  private itemRemover(entry: Entry, seq: YAMLSeq, i: number): () => TextEdit[] {
    const ctx = this.ctx;
    const ownParent = entry.written === seq && !seq.anchor;
    return () => removeSeqItem(ctx, seq, i, ownParent ? () => removeMapEntry(ctx, entry.map, entry.pair) : undefined);
  }

  private list(entry: Entry | undefined): ListValue[] {
    const seq = this.seqEntry(entry);
    if (!seq || !entry) return [];
    const out: ListValue[] = [];
    seq.items.forEach((item, i) => {
      const node = this.view.deref(item);
      if (!node) return;
      let value: Val | undefined;
      if (isScalar(node)) {
        if (node.value === null) return;
        value = this.scalarVal(node);
      } else if (isMap(node)) {
        // Long syntax (devices: {source, target, permissions}): the source names the host side.
        const e = this.view.entries(node as YAMLMap);
        value = this.val(e.get('source'));
      }
      if (!value) return;
      out.push({ value: value.value, known: value.known, source: this.nodeSource(node), remove: this.itemRemover(entry, seq, i) });
    });
    return out;
  }

  build(name: string, pair: Pair, keyNode: Scalar): ContainerSpec {
    const ctx = this.ctx;
    const written = (pair.value as Node | null) ?? null;
    const map = this.view.map(written);
    const e = map ? this.view.entries(map) : new Map<string, Entry>();
    const keyStart = keyNode.range?.[0] ?? 0;
    const keyLine = ctx.lines.lineOf(keyStart);
    const ownerColumn = keyStart - ctx.lines.lineStart(keyLine);
    const end = Math.max(keyNode.range?.[1] ?? 0, written?.range ? contentEnd(written, ctx.text) : 0);

    const spec: ContainerSpec = {
      origin: 'compose',
      name,
      file: this.file,
      declaration: this.nodeSource(keyNode),
      extent: ctx.lines.range(keyStart, end),
      mapping: mappingSlot(ctx, { written, map, ownerColumn, ownerLineEnd: ctx.lines.lineEnd(keyLine), step: this.step }),
      image: this.val(e.get('image')),
      user: this.val(e.get('user')),
      privileged: this.val(e.get('privileged')),
      readOnly: this.val(e.get('read_only')),
      networkMode: this.val(e.get('network_mode')),
      pid: this.val(e.get('pid')),
      ipc: this.val(e.get('ipc')),
      uts: this.val(e.get('uts')),
      usernsMode: this.val(e.get('userns_mode')),
      capAdd: this.list(e.get('cap_add')),
      capDrop: this.list(e.get('cap_drop')),
      securityOpt: this.list(e.get('security_opt')),
      devices: this.list(e.get('devices')),
      mounts: this.mounts(e.get('volumes')),
      ports: this.ports(e.get('ports')),
      limits: this.limits(e),
      environment: this.environment(e.get('environment')),
      dependsOn: this.dependsOn(e),
    };
    const capAdd = this.seqEntry(e.get('cap_add'));
    if (capAdd?.flow) spec.capAddFlow = this.nodeSource(capAdd);
    const logging = this.mapEntry(e.get('logging'));
    if (logging) spec.loggingDriver = this.val(this.view.entries(logging).get('driver'));
    const build = this.buildLink(e.get('build'));
    if (build) spec.build = build;
    const pullPolicy = this.val(e.get('pull_policy'));
    if (pullPolicy) spec.pullPolicy = pullPolicy;
    const tags = map ? composeTags(map) : undefined;
    if (tags) spec.composeTags = tags;
    const parent = this.extendsRef(e.get('extends'));
    if (parent) spec.extendsRef = parent;
    return spec;
  }

  /** `extends: base` or `extends: {service: base, file: other.yml}`; resolved by the project loader. */
  private extendsRef(entry: Entry | undefined): ContainerSpec['extendsRef'] {
    if (!entry?.value) return undefined;
    const short = this.view.scalar(entry.value);
    if (short) {
      const service = this.scalarVal(short);
      return service.known ? { service: service.value, source: service.source } : undefined;
    }
    const m = this.mapEntry(entry);
    if (!m) return undefined;
    const e = this.view.entries(m);
    const service = this.val(e.get('service'));
    const file = this.val(e.get('file'));
    if (!service?.known || file?.known === false) return undefined;
    return { service: service.value, file: file?.value, source: service.source };
  }

  private buildLink(entry: Entry | undefined): BuildLink | undefined {
    if (!entry || isReset(entry)) return undefined;
    if (entry.value && isScalar(entry.value)) {
      const context = this.val(entry);
      return context ? { context } : undefined;
    }
    const m = this.mapEntry(entry);
    if (!m) return undefined;
    const b = this.view.entries(m);
    const link: BuildLink = {};
    const context = this.val(b.get('context'));
    const dockerfile = this.val(b.get('dockerfile'));
    const target = this.val(b.get('target'));
    if (context) link.context = context;
    if (dockerfile) link.dockerfile = dockerfile;
    if (target) link.target = target;
    return link;
  }

  private limits(e: Map<string, Entry>): ContainerLimits {
    const limits: ContainerLimits = {};
    const set = <K extends keyof ContainerLimits>(k: K, v: Val | undefined) => {
      if (v) limits[k] = v;
    };
    set('pidsLimit', this.val(e.get('pids_limit')));
    set('memLimit', this.val(e.get('mem_limit')));
    set('cpus', this.val(e.get('cpus')));
    set('cpuQuota', this.val(e.get('cpu_quota')));
    const deploy = this.mapEntry(e.get('deploy'));
    const resources = deploy && this.mapEntry(this.view.entries(deploy).get('resources'));
    const lim = resources && this.mapEntry(this.view.entries(resources).get('limits'));
    if (lim) {
      const l = this.view.entries(lim);
      set('deployPids', this.val(l.get('pids')));
      set('deployMemory', this.val(l.get('memory')));
      set('deployCpus', this.val(l.get('cpus')));
    }
    return limits;
  }

  private environment(entry: Entry | undefined): EnvEntry[] {
    if (!entry || isReset(entry)) return [];
    const ctx = this.ctx;
    const out: EnvEntry[] = [];
    const m = this.mapEntry(entry);
    if (m) {
      for (const [name, en] of this.view.entries(m)) {
        const node = en.value;
        if (node && !isScalar(node)) continue;
        const value = node && node.value !== null ? this.scalarVal(node, en) : undefined;
        const keyStart = en.keyNode.range?.[0] ?? 0;
        const end = Math.max(en.keyNode.range?.[1] ?? 0, node?.range ? node.range[1] : 0);
        out.push({
          name,
          value,
          interpolated: node ? hasVariables(scalarText(node)) : false,
          kind: 'environment',
          source: this.source(keyStart, end),
          remove: () => removeMapEntry(ctx, en.map, en.pair),
        });
      }
      return out;
    }
    const seq = this.seqEntry(entry);
    if (!seq) return [];
    seq.items.forEach((item, i) => {
      const node = this.view.scalar(item);
      if (!node || node.value === null) return;
      const raw = scalarText(node);
      const eq = raw.indexOf('=');
      const whole = this.nodeSource(node);
      const name = eq < 0 ? raw.trim() : raw.slice(0, eq);
      const value = eq < 0 ? undefined : this.partVal(node, { text: raw.slice(eq + 1), start: eq + 1 }, true, whole, true);
      out.push({
        name,
        value,
        interpolated: eq >= 0 && hasVariables(raw.slice(eq + 1)),
        kind: 'environment',
        source: whole,
        remove: this.itemRemover(entry, seq, i),
      });
    });
    return out;
  }

  /** Splits a short-syntax scalar: after interpolation when known (as Compose does), else the raw text. */
  private shortParts(node: Scalar, windowsDrives: boolean): { parts: Part[]; mapped: boolean; perPart: boolean; whole: Val } {
    const whole = this.scalarVal(node);
    const raw = scalarText(node);
    if (whole.known) {
      return { parts: splitColons(whole.value, false, windowsDrives), mapped: whole.value === raw, perPart: false, whole };
    }
    return { parts: splitColons(raw, true, windowsDrives), mapped: true, perPart: true, whole };
  }

  private ports(entry: Entry | undefined): PortBinding[] {
    const seq = this.seqEntry(entry);
    if (!seq || !entry) return [];
    const out: PortBinding[] = [];
    seq.items.forEach((item, i) => {
      const node = this.view.deref(item);
      if (!node) return;
      const remove = this.itemRemover(entry, seq, i);
      if (isScalar(node)) {
        if (node.value === null) return;
        const isNumber = typeof node.value === 'number';
        const { parts, mapped, perPart, whole } = this.shortParts(node, false);
        const p = parseShortPort(parts);
        const pv = (part: Part) => this.partVal(node, part, mapped, whole.source, perPart);
        const binding: PortBinding = {
          syntax: 'short',
          containerPort: pv(p.containerPort),
          scalar: this.scalarVal(node, undefined, isNumber),
          isNumber,
          source: this.nodeSource(node),
          remove,
        };
        if (p.hostIp) binding.hostIp = pv(p.hostIp);
        if (p.hostPort) binding.hostPort = pv(p.hostPort);
        if (p.protocol) binding.protocol = p.protocol;
        out.push(binding);
      } else if (isMap(node)) {
        const m = this.view.entries(node as YAMLMap);
        const source = this.nodeSource(node);
        const binding: PortBinding = {
          syntax: 'long',
          containerPort: this.val(m.get('target')) ?? { value: '', known: false, source },
          source,
          remove,
          mapping: mappingSlot(this.ctx, { written: (item as Node) ?? null, map: node as YAMLMap }),
        };
        const hostPort = this.val(m.get('published'));
        const hostIp = this.val(m.get('host_ip'));
        const protocol = this.val(m.get('protocol'));
        if (hostPort) binding.hostPort = hostPort;
        if (hostIp) binding.hostIp = hostIp;
        if (protocol?.known) binding.protocol = protocol.value;
        out.push(binding);
      }
    });
    return out;
  }

  private mounts(entry: Entry | undefined): Mount[] {
    const seq = this.seqEntry(entry);
    if (!seq || !entry) return [];
    const out: Mount[] = [];
    seq.items.forEach((item, i) => {
      const node = this.view.deref(item);
      if (!node) return;
      const remove = this.itemRemover(entry, seq, i);
      if (isScalar(node)) {
        if (node.value === null) return;
        const { parts, mapped, perPart, whole } = this.shortParts(node, true);
        const v = parseShortVolume(parts);
        const pv = (part: Part) => this.partVal(node, part, mapped, whole.source, perPart);
        const hostPath = v.source ? pv(v.source) : undefined;
        const mount: Mount = {
          syntax: 'short',
          type: shortMountType(hostPath, v.source?.text),
          readOnly: v.options.some((o) => o.text === 'ro' || o.text === 'readonly'),
          scalar: this.scalarVal(node, undefined, typeof node.value === 'number'),
          source: this.nodeSource(node),
          remove,
        };
        if (hostPath) mount.hostPath = hostPath;
        if (v.target) mount.target = pv(v.target);
        const prop = v.options.find((o) => PROPAGATIONS.includes(o.text));
        if (prop) mount.propagation = pv(prop);
        out.push(mount);
      } else if (isMap(node)) {
        const m = this.view.entries(node as YAMLMap);
        const type = this.val(m.get('type'));
        const readOnlyValue = this.val(m.get('read_only'));
        const bind = this.mapEntry(m.get('bind'));
        const mount: Mount = {
          syntax: 'long',
          type: type?.known && (MOUNT_TYPES as string[]).includes(type.value) ? (type.value as MountType) : 'unknown',
          readOnly: !!readOnlyValue?.known && /^(true|yes|on|y)$/i.test(readOnlyValue.value),
          source: this.nodeSource(node),
          remove,
          mapping: mappingSlot(this.ctx, { written: (item as Node) ?? null, map: node as YAMLMap }),
        };
        const hostPath = this.val(m.get('source'));
        const target = this.val(m.get('target'));
        if (hostPath) mount.hostPath = hostPath;
        if (target) mount.target = target;
        if (readOnlyValue) mount.readOnlyValue = readOnlyValue;
        const propagation = bind && this.val(this.view.entries(bind).get('propagation'));
        if (propagation) mount.propagation = propagation;
        out.push(mount);
      }
    });
    return out;
  }

  /** Services this one depends on, links to, or shares a namespace / volumes with. */
  private dependsOn(e: Map<string, Entry>): string[] {
    const names = new Set<string>();
    const dep = e.get('depends_on');
    const depMap = this.mapEntry(dep);
    if (depMap) for (const k of this.view.entries(depMap).keys()) names.add(k);
    for (const d of this.list(dep)) if (d.known) names.add(d.value);
    for (const l of this.list(e.get('links'))) if (l.known) names.add(l.value.split(':')[0]);
    for (const key of ['network_mode', 'pid', 'ipc']) {
      const v = this.val(e.get(key));
      if (v?.known && v.value.startsWith('service:')) names.add(v.value.slice('service:'.length));
    }
    for (const f of this.list(e.get('volumes_from'))) {
      if (f.known && !f.value.startsWith('container:')) names.add(f.value.split(':')[0]);
    }
    names.delete('');
    return [...names];
  }
}

function shortMountType(hostPath: Val | undefined, rawSource: string | undefined): MountType {
  if (!hostPath) return 'volume';
  const s = hostPath.known ? hostPath.value : (rawSource ?? '');
  if (isNamedPipe(s)) return 'npipe';
  if (isHostPath(s)) return 'bind';
  if (hostPath.known) return 'volume';
  // `${PWD}/certs`: a volume name has no slash, so this is a path whatever the variable holds.
  return /[/\\]/.test(s) ? 'bind' : 'unknown';
}

function isReset(entry: Entry): boolean {
  return entry.written?.tag === '!reset';
}

/** `!reset` / `!override` tags on the service's own keys (for merging override files). */
function composeTags(map: YAMLMap): Record<string, 'reset' | 'override'> | undefined {
  let out: Record<string, 'reset' | 'override'> | undefined;
  for (const item of map.items) {
    const tag = (item.value as Node | null)?.tag;
    if ((tag === '!reset' || tag === '!override') && isScalar(item.key)) {
      (out ??= {})[String((item.key as Scalar).value)] = tag === '!reset' ? 'reset' : 'override';
    }
  }
  return out;
}
