/**
 * Compose short syntax for ports (`[[ip:]host:]container[/proto]`) and volumes (`[src:]dst[:opts]`),
 * split into parts that remember their offset in the string so findings can point at the part.
 */

export interface Part {
  text: string;
  /** Offset of the part in the string it was split from. */
  start: number;
}

/**
 * Splits on `:` the way compose-go does for volumes: a single letter followed by `:` is a Windows drive
 * (`C:\data`), not a separator. With `braceAware`, a `:` inside `${...}` does not split either (used on text
 * that still holds variables).
 */
export function splitColons(s: string, braceAware: boolean, windowsDrives: boolean): Part[] {
  const parts: Part[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (braceAware && c === '$' && s[i + 1] === '{') {
      let depth = 0;
      let closed = false;
      for (let j = i + 1; j < s.length; j++) {
        if (s[j] === '{') depth++;
        else if (s[j] === '}' && --depth === 0) {
          i = j;
          closed = true;
          break;
        }
      }
      // Unclosed: the rest is one part (no later `${` scans to the end again: `${${${…` stays linear).
      if (!closed) break;
      continue;
    }
    if (c !== ':') continue;
    if (windowsDrives && i - start === 1 && /[A-Za-z]/.test(s[start])) continue;
    parts.push({ text: s.slice(start, i), start });
    start = i + 1;
  }
  parts.push({ text: s.slice(start), start });
  return parts;
}

export interface ShortPort {
  hostIp?: Part;
  hostPort?: Part;
  containerPort: Part;
  protocol?: string;
}

/** `[[ip:]host:]container[/protocol]`, as docker's nat.ParsePortSpec splits it (IPv6 with or without `[]`). */
export function parseShortPort(parts: Part[]): ShortPort {
  const n = parts.length;
  let last = parts[n - 1];
  let protocol: string | undefined;
  const slash = last.text.indexOf('/');
  if (slash >= 0) {
    protocol = last.text.slice(slash + 1);
    last = { text: last.text.slice(0, slash), start: last.start };
  }
  const out: ShortPort = { containerPort: last, protocol };
  if (n >= 2 && parts[n - 2].text !== '') out.hostPort = parts[n - 2];
  if (n >= 3) {
    // Everything before host:container is the address, so `::1:80:80` keeps its colons.
    let ip: Part = { text: partsText(parts, 0, n - 2), start: parts[0].start };
    if (ip.text.startsWith('[') && ip.text.endsWith(']')) ip = { text: ip.text.slice(1, -1), start: ip.start + 1 };
    if (ip.text !== '') out.hostIp = ip;
  }
  return out;
}

function partsText(parts: Part[], from: number, to: number): string {
  return parts
    .slice(from, to)
    .map((p) => p.text)
    .join(':');
}

export interface ShortVolume {
  source?: Part;
  target?: Part;
  options: Part[];
}

/** `[source:]target[:options]`; one part is an anonymous volume's target. */
export function parseShortVolume(parts: Part[]): ShortVolume {
  if (parts.length === 1) return { target: parts[0], options: [] };
  const options: Part[] = [];
  for (const p of parts.slice(2)) {
    let at = p.start;
    for (const o of p.text.split(',')) {
      options.push({ text: o, start: at });
      at += o.length + 1;
    }
  }
  return { source: parts[0].text === '' ? undefined : parts[0], target: parts[1], options };
}

/** compose-go's isFilePath: a bind mount source rather than a volume name. */
export function isHostPath(source: string): boolean {
  return /^[./~]/.test(source) || source.startsWith('\\\\') || /^[A-Za-z]:[\\/]/.test(source);
}

export function isNamedPipe(source: string): boolean {
  return /^(\\\\|\/\/)\.[\\/]pipe[\\/]/i.test(source);
}

export const PROPAGATIONS = ['shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate'];
