/** Which files are Compose files by name and by content (the Compose front end's claims). */

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
