import type { ContainerSpec, Val } from './model';

/** Parsing of image references (`nginx`, `host:5000/team/app:1.2@sha256:...`) as Docker reads them. */

export interface ImageRef {
  /** Registry host (with port), `docker.io` when the reference names none. */
  registry: string;
  /** Repository path inside the registry; official images get `library/`. */
  repository: string;
  tag?: string;
  digest?: string;
}

const DOCKER_HUB = 'docker.io';

/** Undefined for text that is not an image reference (empty, spaces, a leftover `$`). */
export function parseImageRef(text: string): ImageRef | undefined {
  const ref = text.trim();
  if (!ref || /\s|\$/.test(ref)) return undefined;
  const at = ref.indexOf('@');
  const digest = at >= 0 ? ref.slice(at + 1) : undefined;
  let name = at >= 0 ? ref.slice(0, at) : ref;
  // The tag is after the last ':' that follows the last '/': `host:5000/app` has a port, not a tag.
  let tag: string | undefined;
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
  }
  if (!name) return undefined;
  const slash = name.indexOf('/');
  const first = slash >= 0 ? name.slice(0, slash) : '';
  const hasRegistry = slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase());
  let registry = hasRegistry ? first.toLowerCase() : DOCKER_HUB;
  let repository = hasRegistry ? name.slice(slash + 1) : name;
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = DOCKER_HUB;
  if (registry === DOCKER_HUB && !repository.includes('/')) repository = `library/${repository}`;
  return { registry, repository, tag: tag || undefined, digest: digest || undefined };
}

/** `docker.io/library/nginx` for `nginx`. */
export function fullName(ref: ImageRef): string {
  return `${ref.registry}/${ref.repository}`;
}

/** True when a digest pins the image (`@sha256:...`). */
export function hasDigest(ref: ImageRef): boolean {
  return !!ref.digest && /^[a-z0-9]+:[0-9a-f]{32,}$/i.test(ref.digest);
}

/**
 * A trusted entry (`ghcr.io/myorg`, `docker.io/library`, `registry.example.com`) covers an image when its
 * path segments are a prefix of the image's full name: `ghcr.io/myorg` trusts `ghcr.io/myorg/x`, not
 * `ghcr.io/myorgevil/x`. Entries may carry a scheme or a trailing `/` or `/*`; an entry without a
 * registry host (`myorg`) is a Docker Hub namespace.
 */
export function isTrustedBy(ref: ImageRef, entries: readonly string[]): boolean {
  const image = fullName(ref).split('/');
  return entries.some((entry) => {
    const segments = normaliseEntry(entry);
    if (segments.length === 0 || segments.length > image.length) return false;
    return segments.every((s, i) => (i === 0 ? s.toLowerCase() === image[0] : s === image[i]));
  });
}

function normaliseEntry(entry: string): string[] {
  const e = entry
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/(\/\*+)+$/, '')
    .replace(/\/+$/, '');
  if (!e) return [];
  const segments = e.split('/').filter((s) => s.length > 0);
  const host = segments[0].toLowerCase();
  if (host === 'index.docker.io' || host === 'registry-1.docker.io') segments[0] = DOCKER_HUB;
  // `myorg` or `library` name Docker Hub namespaces, as `docker pull` reads them.
  else if (!/[.:]/.test(host) && host !== 'localhost') segments.unshift(DOCKER_HUB);
  return segments;
}

export interface ImageUse {
  /** The written reference, reported at. */
  value: Val;
  ref: ImageRef;
  text: string;
}

/** Pull policies under which Compose pulls `image:` from a registry even when the service has `build:`. */
const PULLING = /^(?:always|daily|weekly|refresh|every_\S+)$/i;

/**
 * The image a Compose service builds, as `registry/repository:tag` (`latest` when untagged): a service with
 * `build:` names its output with `image:`, unless its `pull_policy` pulls that name from a registry.
 */
export function builtImage(c: ContainerSpec): string | undefined {
  if (c.origin !== 'compose' || !c.build || !c.image?.known) return undefined;
  if (c.pullPolicy && (!c.pullPolicy.known || PULLING.test(c.pullPolicy.value.trim()))) return undefined;
  const ref = parseImageRef(c.image.value);
  return ref && imageKey(ref);
}

function imageKey(ref: ImageRef): string {
  return `${fullName(ref)}:${ref.tag ?? 'latest'}`;
}

/** Images built by the services of a project, computed once per project list. */
const builtByProject = new WeakMap<readonly ContainerSpec[], Set<string>>();

function builtIn(project: readonly ContainerSpec[]): Set<string> {
  let set = builtByProject.get(project);
  if (!set) {
    set = new Set();
    for (const other of project) {
      const key = builtImage(other);
      if (key) set.add(key);
    }
    builtByProject.set(project, set);
  }
  return set;
}

/**
 * The images a container pulls, known and parseable: a Compose service's `image:`, unless the image is built here
 * (the service has `build:`, or another service of `project` builds that image: a worker that runs the web
 * service's image), or every Dockerfile `FROM` that names an image (stage references and `scratch` have none).
 * See docs/decisions/images-built-here.md.
 */
export function imagesOf(c: ContainerSpec, project: readonly ContainerSpec[] = []): ImageUse[] {
  let values: Val[];
  if (c.origin === 'dockerfile') {
    const froms = c.dockerfile?.allFroms ?? [];
    values = froms.length > 0 ? froms.flatMap((f) => (f.image ? [f.image] : [])) : c.image ? [c.image] : [];
  } else if (c.build) {
    values = c.image && !builtImage(c) && c.pullPolicy?.known !== false ? [c.image] : [];
  } else {
    const ref = c.image?.known ? parseImageRef(c.image.value) : undefined;
    values = c.image && !(ref && builtIn(project).has(imageKey(ref))) ? [c.image] : [];
  }
  const out: ImageUse[] = [];
  for (const value of values) {
    if (!value.known) continue;
    const text = value.value.trim();
    const ref = parseImageRef(text);
    if (ref) out.push({ value, ref, text });
  }
  return out;
}
