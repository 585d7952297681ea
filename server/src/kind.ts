import * as path from 'node:path';

export type FileKind = 'compose' | 'dockerfile';

/** Extensions that name documents, scripts or data about a Dockerfile, never a Dockerfile itself. */
const NOT_A_DOCKERFILE =
  /\.(dockerignore|md|markdown|rst|txt|adoc|html?|json|toml|xml|ya?ml|sh|bash|ps1|bat|cmd|py|js|mjs|cjs|jsx|ts|tsx|vue|svelte|go|rb|java|kt|kts|scala|cs|fs|c|h|cc|cpp|hpp|rs|php|swift|patch|diff|orig|bak|swp|lock|log)$/;

/** Kind by file name alone: `*compose*.y(a)ml`, `*dockerfile*` / `*containerfile*` (not .dockerignore). */
export function kindByName(file: string): FileKind | undefined {
  const base = path.basename(file).toLowerCase();
  if (isYamlName(base)) return base.includes('compose') ? 'compose' : undefined;
  if (NOT_A_DOCKERFILE.test(base)) return undefined;
  if (base.includes('dockerfile') || base.includes('containerfile')) return 'dockerfile';
  return undefined;
}

/**
 * A Dockerfile by name (rules.md § Where the settings are written): `Dockerfile`, `Containerfile`, `*.Dockerfile`,
 * `*.dockerfile` say so ('name'); other names holding the word (`Dockerfile.prod`, `Dockerfile.j2`) may be one if the
 * content says so ('content'); source code and documents about Dockerfiles (`DockerfileParser.java`) never are.
 */
export function dockerfileByName(file: string): 'name' | 'content' | undefined {
  const base = path.basename(file).toLowerCase();
  if (base === 'dockerfile' || base === 'containerfile' || base.endsWith('.dockerfile') || base.endsWith('.containerfile')) return 'name';
  if (NOT_A_DOCKERFILE.test(base)) return undefined;
  return base.includes('dockerfile') || base.includes('containerfile') ? 'content' : undefined;
}

export function isYamlName(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

/** A YAML text with a top-level `services:` key holding a mapping (GitLab CI's `services:` is a list). */
export function looksLikeCompose(text: string): boolean {
  const key = /^(?:services|"services"|'services')[ \t]*:[ \t]*/gm;
  for (let m = key.exec(text); m; m = key.exec(text)) {
    const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 400);
    const inline = /^[^\r\n#]*/.exec(rest)![0].trim();
    if (inline !== '') {
      if (/^[{&!]/.test(inline)) return true;
      continue;
    }
    // Block value: the first content line decides (a `- item` makes it a list).
    const next = /\r?\n(?:[ \t]*(?:#[^\r\n]*)?\r?\n)*([ \t]+)(\S)/.exec(rest);
    if (next && next[2] !== '-') return true;
  }
  return false;
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
