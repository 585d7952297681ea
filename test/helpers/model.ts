import type { ContainerSpec, Item, ListValue, Source, TextEdit, Val } from '../../shared-rules/src/model';

/**
 * Hand-built model objects for rule tests that do not go through a parser. Positions are fake but
 * distinct (each value gets its own line), and edits are recorded as plain TextEdits on those lines.
 */
let nextLine = 100;

export function src(file = 'compose.yaml'): Source {
  const line = nextLine++;
  return { file, range: { start: { line, character: 0 }, end: { line, character: 1 } } };
}

function edit(source: Source, newText: string): TextEdit[] {
  return [{ file: source.file, range: source.range, newText }];
}

export function val(value: string, opts: { known?: boolean; raw?: string; file?: string } = {}): Val {
  const source = src(opts.file);
  return {
    value,
    known: opts.known ?? true,
    raw: opts.raw,
    source,
    replace: (text) => edit(source, text),
    removeEntry: () => edit(source, '<removed>'),
  };
}

export function item(value: string, known = true): ListValue {
  const source = src();
  return { value, known, source, remove: () => edit(source, '<removed>') };
}

export function removable(): Item {
  const source = src();
  return { source, remove: () => edit(source, '<removed>') };
}

/** A compose service with every list empty; `mapping.addEntry` records `key: value`. */
export function service(name: string, fields: Partial<ContainerSpec> = {}): ContainerSpec {
  const declaration = src();
  return {
    origin: 'compose',
    name,
    file: 'compose.yaml',
    declaration,
    extent: { start: { line: 0, character: 0 }, end: { line: 100000, character: 0 } },
    mapping: { addEntry: (key, value) => [{ file: 'compose.yaml', range: declaration.range, newText: `${key}: ${value}` }] },
    capAdd: [],
    capDrop: [],
    securityOpt: [],
    devices: [],
    mounts: [],
    ports: [],
    limits: {},
    environment: [],
    dependsOn: [],
    ...fields,
  };
}
