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

/** Hex digits of a digest by algorithm (OCI image spec: registered algorithms, lowercase hex). */
const DIGEST_LENGTH: Record<string, number> = { sha256: 64, sha512: 128 };

/**
 * True when a digest pins the image: `sha256:` with exactly 64 lowercase hex digits (`sha512:` 128). Anything
 * else (`@sha256:f1dbca0f5dbc9`, upper case) is not a digest: Docker rejects the reference, so it pins nothing.
 */
export function hasDigest(ref: ImageRef): boolean {
  const m = ref.digest ? /^([a-z0-9]+):([0-9a-f]+)$/.exec(ref.digest) : null;
  return !!m && DIGEST_LENGTH[m[1]] === m[2].length;
}

/** A `@...` part that is not a valid digest (see hasDigest). */
export function hasMalformedDigest(ref: ImageRef): boolean {
  return !!ref.digest && !hasDigest(ref);
}

/**
 * A trusted entry (`ghcr.io/myorg`, `docker.io/library`, `registry.example.com`) covers an image when its
 * path segments are a prefix of the image's full name: `ghcr.io/myorg` trusts `ghcr.io/myorg/x`, not
 * `ghcr.io/myorgevil/x`. Entries may carry a scheme or a trailing `/` or `/*`; an entry without a
 * registry host (`myorg`) is a Docker Hub namespace. `*.example.com` trusts every registry host below
 * example.com (not example.com itself, nor `evilexample.com`); `*` trusts everything.
 */
export function isTrustedBy(ref: ImageRef, entries: readonly string[]): boolean {
  const image = fullName(ref).split('/');
  const segmentsOf = normalisedEntries(entries);
  return entries.some((entry, k) => {
    const wildcard = wildcardTrusts(entry, image);
    if (wildcard !== undefined) return wildcard;
    const segments = segmentsOf[k];
    if (segments.length === 0 || segments.length > image.length) return false;
    return segments.every((s, i) => (i === 0 ? s.toLowerCase() === image[0] : s === image[i]));
  });
}

/** `*` trusts every image; `*.example.com` (optionally with a path) trusts that domain's subdomains. */
function wildcardTrusts(entry: string, image: string[]): boolean | undefined {
  const e = entry.trim().replace(/^[a-z]+:\/\//i, '');
  if (e === '*') return true;
  if (!e.startsWith('*.')) return undefined;
  const [host, ...path] = trimTrailingGlob(e).split('/');
  const suffix = host.slice(1).toLowerCase();
  if (!image[0].endsWith(suffix) || image[0].length === suffix.length) return false;
  return path.length <= image.length - 1 && path.every((s, i) => s === image[i + 1]);
}

/** Entries normalised once per settings list (every image of every service is checked against them). */
const normalised = new WeakMap<readonly string[], string[][]>();

function normalisedEntries(entries: readonly string[]): string[][] {
  let out = normalised.get(entries);
  if (!out) {
    out = entries.map(normaliseEntry);
    normalised.set(entries, out);
  }
  return out;
}

function normaliseEntry(entry: string): string[] {
  const e = trimTrailingGlob(entry.trim().replace(/^[a-z]+:\/\//i, ''));
  if (!e) return [];
  const segments = e.split('/').filter((s) => s.length > 0);
  const host = segments[0].toLowerCase();
  if (host === 'index.docker.io' || host === 'registry-1.docker.io') segments[0] = DOCKER_HUB;
  // `myorg` or `library` name Docker Hub namespaces, as `docker pull` reads them.
  else if (!/[.:]/.test(host) && host !== 'localhost') segments.unshift(DOCKER_HUB);
  return segments;
}

/**
 * `ghcr.io/org/**`, `ghcr.io/org/*\/*`, `ghcr.io/org/` → `ghcr.io/org`: trailing `/*` groups, then trailing
 * slashes, stripped by one scan from the end (the patterns `(\/\*+)+$` and `\/+$` retry at every slash).
 */
function trimTrailingGlob(e: string): string {
  let end = e.length;
  // (/\*+)+ at the end
  for (;;) {
    let i = end;
    while (i > 0 && e.charCodeAt(i - 1) === 42) i--;
    if (i === end || i === 0 || e.charCodeAt(i - 1) !== 47) break;
    end = i - 1;
  }
  while (end > 0 && e.charCodeAt(end - 1) === 47) end--;
  return e.slice(0, end);
}

export interface ImageUse {
  /** The written reference, reported at. */
  value: Val;
  ref: ImageRef;
  text: string;
  /** Dockerfile: `COPY --from` / `RUN --mount from` when not a FROM. */
  via?: string;
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
  let values: { value: Val; via?: string }[];
  if (c.origin === 'dockerfile') {
    const froms = c.dockerfile?.allFroms ?? [];
    values = froms.length > 0 ? froms.flatMap((f) => (f.image ? [{ value: f.image }] : [])) : c.image ? [{ value: c.image }] : [];
    for (const r of c.dockerfile?.allImageRefs ?? []) values.push({ value: r.image, via: r.via });
  } else if (c.build) {
    values = c.image && !builtImage(c) && c.pullPolicy?.known !== false ? [{ value: c.image }] : [];
  } else {
    const ref = c.image?.known ? parseImageRef(c.image.value) : undefined;
    values = c.image && !(ref && builtIn(project).has(imageKey(ref))) ? [{ value: c.image }] : [];
  }
  const out: ImageUse[] = [];
  for (const { value, via } of values) {
    if (!value.known) continue;
    const text = value.value.trim();
    const ref = parseImageRef(text);
    if (!ref) continue;
    const use: ImageUse = { value, ref, text };
    if (via) use.via = via;
    out.push(use);
  }
  return out;
}
