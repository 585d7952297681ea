import * as path from 'node:path';
import picomatch from 'picomatch';

/**
 * Matches posix paths relative to the config file. As in .gitignore, a pattern without a slash
 * matches a name at any depth, and a pattern that matches a folder covers what is inside it.
 */
export function pathMatcher(patterns: readonly string[]): (relPath: string) => boolean {
  if (patterns.length === 0) return () => false;
  const anchored = patterns.map((p) => p.replace(/^\.\//, '').replace(/\/$/, ''));
  const full = picomatch(anchored, { dot: true });
  const inside = picomatch(
    anchored.map((p) => `${p}/**`),
    { dot: true },
  );
  const loose = anchored.filter((p) => !p.includes('/'));
  const byName = loose.length > 0 ? picomatch(loose, { dot: true }) : undefined;
  return (rel) => {
    if (rel === '' || rel.startsWith('../')) return false;
    if (full(rel) || inside(rel)) return true;
    if (!byName) return false;
    return rel.split('/').some((part) => byName(part));
  };
}

export function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}
