import type { ContainerSpec, ContainerLimits, EnvEntry, ListValue, Mount, PortBinding } from '../../../shared-rules/src/model';

/**
 * Merges two definitions of one service as Compose does (Compose Specification, "Merge and override"):
 * scalars are overridden, mappings merged key by key, sequences merged by their unique key, and the
 * `!reset` / `!override` tags of `over` honoured. Every value keeps the source where it is written.
 * `identity` says whose name, file, declaration and mapping the result has: the base service for an
 * override file, the extending service for `extends`.
 */
export function mergeServices(base: ContainerSpec, over: ContainerSpec, identity: 'base' | 'over'): ContainerSpec {
  const who = identity === 'base' ? base : over;
  const tags = over.composeTags ?? {};
  const pick = <K extends keyof ContainerSpec>(field: K, key: string): ContainerSpec[K] =>
    tags[key] ? over[field] : (over[field] ?? base[field]);
  const list = <T>(key: string, a: T[], b: T[], id: (t: T) => string): T[] => {
    if (tags[key]) return b;
    const byId = new Map<string, T>();
    for (const item of a) byId.set(id(item), item);
    for (const item of b) byId.set(id(item), item);
    return [...byId.values()];
  };

  const merged: ContainerSpec = {
    ...who,
    image: pick('image', 'image'),
    user: pick('user', 'user'),
    privileged: pick('privileged', 'privileged'),
    readOnly: pick('readOnly', 'read_only'),
    networkMode: pick('networkMode', 'network_mode'),
    pid: pick('pid', 'pid'),
    ipc: pick('ipc', 'ipc'),
    uts: pick('uts', 'uts'),
    usernsMode: pick('usernsMode', 'userns_mode'),
    loggingDriver: pick('loggingDriver', 'logging'),
    pullPolicy: pick('pullPolicy', 'pull_policy'),
    capAdd: list('cap_add', base.capAdd, over.capAdd, byValue),
    capAddFlow: over.capAdd.length > 0 || tags.cap_add ? over.capAddFlow : base.capAddFlow,
    capDrop: list('cap_drop', base.capDrop, over.capDrop, byValue),
    securityOpt: list('security_opt', base.securityOpt, over.securityOpt, byValue),
    devices: list('devices', base.devices, over.devices, byValue),
    mounts: list('volumes', base.mounts, over.mounts, mountKey),
    ports: list('ports', base.ports, over.ports, portKey),
    environment: list('environment', base.environment, over.environment, (e: EnvEntry) => e.name),
    limits: mergeLimits(base.limits, over.limits),
    build: tags.build ? over.build : over.build || base.build ? { ...base.build, ...stripUndefined(over.build ?? {}) } : undefined,
    dependsOn: [...new Set([...base.dependsOn, ...over.dependsOn])],
    extendsRef: identity === 'over' ? undefined : (over.extendsRef ?? base.extendsRef),
    composeTags: identity === 'over' ? over.composeTags : base.composeTags,
  };
  if (identity === 'base' && !base.mapping) merged.mapping = over.mapping;
  return merged;
}

function byValue(v: ListValue): string {
  return v.value.trim().toUpperCase();
}

function mountKey(m: Mount): string {
  return m.target?.value ?? `${m.type}:${m.hostPath?.value ?? ''}`;
}

function portKey(p: PortBinding): string {
  return `${p.hostIp?.value ?? ''}:${p.hostPort?.value ?? ''}:${p.containerPort.value}/${p.protocol ?? 'tcp'}`;
}

function mergeLimits(a: ContainerLimits, b: ContainerLimits): ContainerLimits {
  return { ...a, ...stripUndefined(b) };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
