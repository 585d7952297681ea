import type { Mount } from './model';

/** Host-path checks for bind mounts (POSIX paths as Compose writes them, after interpolation). */

/**
 * `/a//b/../c/` → `/a/c`; `~/x/` → `~/x`. Undefined for relative or Windows paths, whose location
 * on the host is not known from the file alone.
 */
export function normaliseHostPath(path: string): string | undefined {
  const p = path.trim();
  let root: string;
  let rest: string;
  if (p === '~' || p.startsWith('~/')) {
    root = '~';
    rest = p.slice(1);
  } else if (p.startsWith('/')) {
    root = '';
    rest = p;
  } else {
    return undefined;
  }
  const out: string[] = [];
  for (const seg of rest.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  if (root === '~') return out.length ? `~/${out.join('/')}` : '~';
  return `/${out.join('/')}`;
}

const ENGINE_SOCKETS = new Set(['docker.sock', 'podman.sock', 'containerd.sock', 'crio.sock']);
const SOCKET_DIRS = new Set(['/run', '/var/run']);

/** A container-engine socket (any directory) or the directories that hold them (`/run`, `/var/run`). */
export function isEngineSocketPath(path: string): boolean {
  const p = path.trim();
  const base = p.split(/[\\/]/).pop() ?? '';
  if (ENGINE_SOCKETS.has(base.toLowerCase())) return true;
  // Docker Desktop on Windows: the engine is a named pipe.
  if (/^[\\/]{2}\.[\\/]pipe[\\/]docker_engine$/i.test(p)) return true;
  const n = normaliseHostPath(p);
  return !!n && SOCKET_DIRS.has(n);
}

/** Host directories whose content controls the host or holds its secrets. */
const SENSITIVE = ['/etc', '/proc', '/sys', '/boot', '/dev', '/lib', '/usr', '/root', '/home', '/var/lib/docker'];
/** Credential folders inside a home directory. */
const HOME_SECRETS = ['.ssh', '.docker', '.aws', '.kube'];

/** A home directory: `~`, `/root`, `/home/<user>`, `/Users/<user>` (macOS). */
function isHomeDir(n: string): boolean {
  return n === '~' || n === '/root' || /^\/(home|Users)\/[^/]+$/.test(n);
}

/**
 * True when the host path is one of the sensitive places or a parent of one (`/`, `/var` for
 * `/var/lib/docker`, `~` or `/home/alice` for `~/.ssh`). Files or folders below them
 * (`/etc/localtime`, `/home/alice/project`) are not: mounting those is a deliberate, narrow choice.
 */
export function isSensitiveHostPath(path: string): boolean {
  const n = normaliseHostPath(path);
  if (!n) return false;
  if (n === '/' || n === '/Users') return true;
  if (SENSITIVE.some((s) => s === n || s.startsWith(`${n}/`))) return true;
  if (isHomeDir(n)) return true;
  const slash = n.lastIndexOf('/');
  return slash > 0 && isHomeDir(n.slice(0, slash)) && HOME_SECRETS.includes(n.slice(slash + 1));
}

/**
 * The known host side of a bind mount (or a named pipe), after interpolation. Compose reads a short-syntax
 * source that starts with `/`, `.` or `~` as a path, so such a source counts even if the parser could not
 * tell the type (e.g. it came from a variable). Named volumes have no host path here.
 */
export function bindHostPath(m: Mount): string | undefined {
  const v = m.hostPath;
  if (!v || !v.known) return undefined;
  const p = v.value.trim();
  if (!p) return undefined;
  if (m.type === 'bind' || m.type === 'npipe') return p;
  if ((m.type === 'unknown' || m.type === 'volume') && /^[/.~]/.test(p) && m.syntax === 'short') return p;
  if (m.type === 'unknown' && /^[/~]/.test(p)) return p;
  return undefined;
}

/**
 * `target` as seen from the folder of `from` (both absolute, `/` or `\` separated): what a message shows so that
 * it names a file the way the project does (`web/Dockerfile`), not by the linting machine's absolute path.
 */
export function relativeFile(from: string, target: string): string {
  const split = (p: string) => p.split(/[\\/]+/).filter((s) => s.length > 0);
  const base = split(from).slice(0, -1);
  const to = split(target);
  let common = 0;
  while (common < base.length && common < to.length && base[common] === to[common]) common++;
  if (common === 0) return target;
  return [...base.slice(common).map(() => '..'), ...to.slice(common)].join('/');
}

/** `path` resolved against the absolute `base` as WORKDIR, COPY and a process started in `base` read it. */
export function joinPath(base: string, path: string): string {
  const parts = (path.startsWith('/') ? path : `${base}/${path}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return `/${out.join('/')}`;
}
