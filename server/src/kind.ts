import * as path from 'node:path';

export type FileKind = 'compose' | 'dockerfile';

/** Kind by file name alone: `*compose*.y(a)ml`, `*dockerfile*` / `*containerfile*` (not .dockerignore). */
export function kindByName(file: string): FileKind | undefined {
  const base = path.basename(file).toLowerCase();
  if (base.endsWith('.dockerignore')) return undefined;
  if (/\.ya?ml$/.test(base) && base.includes('compose')) return 'compose';
  if (base.includes('dockerfile') || base.includes('containerfile')) return 'dockerfile';
  return undefined;
}

/** A YAML text with a top-level `services:` mapping key. */
export function looksLikeCompose(text: string): boolean {
  return /^services[ \t]*:/m.test(text);
}

/** A text whose first instruction is FROM (after comments, parser directives and ARGs). */
export function looksLikeDockerfile(text: string): boolean {
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    if (/^ARG\s/i.test(t)) continue;
    return /^FROM\s/i.test(t);
  }
  return false;
}

/** Kind by name, else by content; used for files named explicitly and open editor documents. */
export function detectKind(file: string, text: string): FileKind | undefined {
  const byName = kindByName(file);
  if (byName) return byName;
  if (/\.ya?ml$/i.test(file)) return looksLikeCompose(text) ? 'compose' : undefined;
  if (looksLikeDockerfile(text)) return 'dockerfile';
  return looksLikeCompose(text) ? 'compose' : undefined;
}
