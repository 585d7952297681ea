/**
 * The line layout of a Compose file's `services:` section: which lines belong to which service. Only the
 * plain layout is recognised (a block `services:` at column 0, every service a `name:` key line at one
 * indentation followed by more-indented lines); anything else gives undefined, and callers lint in full.
 */
export interface ServiceBlock {
  name: string;
  /** Line of the `name:` key. */
  keyLine: number;
  /** First line after the block (the next service's key line, or the end of the section). */
  endLine: number;
}

/** A top-level entry: its key line up to the next top-level key (the first holds the lines before any key). */
export interface TopBlock {
  /** The key as written ('' for the lines before the first key). */
  key: string;
  keyLine: number;
  endLine: number;
}

export interface ServiceLayout {
  lines: string[];
  blocks: ServiceBlock[];
  tops: TopBlock[];
}

const SERVICE_KEY = /^( +)([A-Za-z0-9_][A-Za-z0-9._-]*):[ ]*(?:#.*)?$/;
const TOP_LEVEL_KEY = /^[A-Za-z0-9_x][^\s:#]*:(?:[ ].*)?$/;

export function serviceLayout(text: string): ServiceLayout | undefined {
  // Lone CRs, tabs and document markers change how lines are counted or parsed: not worth the risk here.
  if (text.includes('\r') || text.includes('\t')) return undefined;
  const lines = text.split('\n');
  const blocks: ServiceBlock[] = [];
  const tops: TopBlock[] = [{ key: '', keyLine: 0, endLine: lines.length }];
  let inServices = false;
  let sawServices = false;
  let indent = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const col = line.length - trimmed.length;
    if (col === 0) {
      if (!TOP_LEVEL_KEY.test(line)) return undefined; // `---`, `%YAML`, a multi-line scalar at column 0, ...
      if (inServices && blocks.length > 0) blocks[blocks.length - 1].endLine = i;
      tops[tops.length - 1].endLine = i;
      tops.push({ key: line.slice(0, line.indexOf(':')), keyLine: i, endLine: lines.length });
      inServices = /^services:[ ]*(?:#.*)?$/.test(line);
      if (inServices) {
        if (sawServices) return undefined;
        sawServices = true;
      } else if (line.startsWith('services')) return undefined;
      continue;
    }
    if (!inServices) continue;
    if (indent < 0) indent = col;
    if (col < indent) return undefined;
    if (col === indent) {
      const m = SERVICE_KEY.exec(line);
      if (!m || m[2] === '<<') return undefined;
      if (blocks.length > 0) blocks[blocks.length - 1].endLine = i;
      blocks.push({ name: m[2], keyLine: i, endLine: lines.length });
    } else if (blocks.length === 0) return undefined;
  }
  if (blocks.length === 0) return undefined;
  return { lines, blocks, tops };
}

/** The top-level block holding every line from `first` to `last` (its key line included). */
export function topHolding(layout: ServiceLayout, first: number, last: number): number {
  return layout.tops.findIndex((t) => first >= t.keyLine && last < t.endLine);
}

/** The block whose body (the lines after its key line) holds every line from `first` to `last`. */
export function blockHolding(layout: ServiceLayout, first: number, last: number): number {
  return layout.blocks.findIndex((b) => first > b.keyLine && last < b.endLine);
}
