import * as path from 'node:path';
import { dockerfileName, isDockerfile, looksLikeDockerfile } from './dockerfile/detect';

export { looksLikeDockerfile };

export type FileKind = 'compose' | 'dockerfile';

/**
 * Kind by file name alone: `*compose*.y(a)ml`; `Dockerfile`, `Containerfile`, `*.Dockerfile`, `*.containerfile`.
 * `Dockerfile.<x>` depends on its content (dockerfile/detect.ts): see `kindByNameOrContent`.
 */
export function kindByName(file: string): FileKind | undefined {
  const base = path.basename(file).toLowerCase();
  if (isYamlName(base)) return base.includes('compose') ? 'compose' : undefined;
  return dockerfileName(base) === 'name' ? 'dockerfile' : undefined;
}

/** True when the name makes a file a Dockerfile only if its content is one (`Dockerfile.prod`, `Dockerfile.j2`). */
export function needsContent(file: string): boolean {
  return dockerfileName(file) === 'content';
}

/**
 * A file named on the command line: every Dockerfile name (`Dockerfile.prod` that holds no Dockerfile then gets
 * its parse-error), else undefined (the content decides).
 */
export function kindOfNamedFile(file: string): FileKind | undefined {
  return kindByName(file) ?? (needsContent(file) ? 'dockerfile' : undefined);
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

/** Kind by name, else by content (a `Dockerfile.<x>` by its content only); for files found in a folder, open documents. */
export function detectKind(file: string, text: string): FileKind | undefined {
  const byName = kindByName(file);
  if (byName) return byName;
  if (needsContent(file)) return isDockerfile(file, text) ? 'dockerfile' : undefined;
  if (/\.ya?ml$/i.test(file)) return looksLikeCompose(text) ? 'compose' : undefined;
  if (looksLikeDockerfile(text)) return 'dockerfile';
  return looksLikeCompose(text) ? 'compose' : undefined;
}
