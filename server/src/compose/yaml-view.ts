import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Alias,
  type Document,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';

/** A mapping entry after merge keys are applied: where its key and value are written. */
export interface Entry {
  key: string;
  keyNode: Scalar;
  /** The value as written (may be an alias). */
  written: Node | null;
  /** The value with aliases resolved: the node where it is actually written. */
  value: Node | null;
  pair: Pair;
  /** The mapping that holds the pair (an anchor's mapping when merged in). */
  map: YAMLMap;
}

export interface AliasStats {
  /** Aliases in the document once every alias is expanded. */
  expandedAliases: number;
  /** Nodes in the document once every alias is expanded. */
  expandedNodes: number;
  /** The alias at which a limit was first exceeded. */
  offender?: Alias;
  /** An alias that refers to a node containing it. */
  recursive?: Alias;
  /** An alias whose anchor is not defined before it. */
  unresolved?: Alias;
  /** Keys written twice in one mapping (checked here in linear time; the yaml library's check is quadratic). */
  duplicateKeys: Node[];
  /** Nodes that carry an anchor (`&name`), in document order. */
  anchored: Node[];
}

export interface AliasLimits {
  maxAliases: number;
  maxNodes: number;
}

/**
 * Resolves aliases and merge keys without expanding the document: aliases are looked up in an anchor
 * table built in one walk, merged mappings are computed once per mapping node.
 */
export class YamlView {
  private readonly targets = new Map<Alias, Node>();
  private readonly merged = new Map<YAMLMap, Map<string, Entry>>();
  readonly stats: AliasStats = { expandedAliases: 0, expandedNodes: 0, duplicateKeys: [], anchored: [] };

  constructor(doc: Document, limits: AliasLimits) {
    this.index(doc.contents as Node | null, limits);
  }

  /** Follows aliases to the node they name. */
  deref(node: unknown): Node | null {
    let n = node as Node | null;
    for (let hops = 0; n && isAlias(n) && hops < 100; hops++) n = this.targets.get(n) ?? null;
    return n && !isAlias(n) ? n : null;
  }

  map(node: unknown): YAMLMap | undefined {
    const n = this.deref(node);
    return n && isMap(n) ? (n as YAMLMap) : undefined;
  }

  seq(node: unknown): YAMLSeq | undefined {
    const n = this.deref(node);
    return n && isSeq(n) ? (n as YAMLSeq) : undefined;
  }

  scalar(node: unknown): Scalar | undefined {
    const n = this.deref(node);
    return n && isScalar(n) ? (n as Scalar) : undefined;
  }

  /** The mapping's entries with `<<` merges applied: local keys win, then earlier merge sources. */
  entries(map: YAMLMap): Map<string, Entry> {
    const cached = this.merged.get(map);
    if (cached) return cached;
    const out = new Map<string, Entry>();
    this.merged.set(map, out); // a merge cycle sees the (partial) result instead of recursing forever
    const merges: Node[] = [];
    for (const item of map.items) {
      if (!isPair(item)) continue;
      const keyNode = this.scalar(item.key);
      if (!keyNode || keyNode.value === null || keyNode.value === undefined) continue;
      const key = String(keyNode.source ?? keyNode.value);
      if (key === '<<' && keyNode.type === 'PLAIN') {
        if (item.value) merges.push(item.value as Node);
        continue;
      }
      const written = (item.value as Node | null) ?? null;
      out.set(key, { key, keyNode, written, value: this.deref(written), pair: item as Pair, map });
    }
    for (const m of merges) {
      const target = this.deref(m);
      const sources = target && isSeq(target) ? target.items : [target];
      for (const s of sources) {
        const src = this.map(s);
        if (!src) continue;
        for (const [k, e] of this.entries(src)) if (!out.has(k)) out.set(k, e);
      }
    }
    return out;
  }

  private checkDuplicates(map: YAMLMap): void {
    if (map.items.length < 2) return;
    // Keys are told apart by type and text (`1` and `'1'` differ); string keys, nearly all, need no composite id.
    const strings = new Set<string>();
    let others: Set<string> | undefined;
    for (const item of map.items) {
      const key = item.key as Node | null;
      if (!key || !isScalar(key)) continue;
      const v = key.value;
      let seen: boolean;
      if (typeof v === 'string') {
        seen = strings.has(v);
        if (!seen) strings.add(v);
      } else {
        const id = `${typeof v}:${String(v)}`;
        others ??= new Set<string>();
        seen = others.has(id);
        if (!seen) others.add(id);
      }
      if (seen && this.stats.duplicateKeys.length < 20) this.stats.duplicateKeys.push(key);
    }
  }

  /** Walks the document once in order: records anchors and aliases, counts the expanded size. */
  private index(root: Node | null, limits: AliasLimits): void {
    const anchors = new Map<string, Node>();
    // Expanded size (nodes, aliases) of each finished anchored node, for aliases to reuse.
    const size = new Map<Node, [number, number]>();
    const inProgress = new Set<Node>();
    const stats = this.stats;
    let running = 0;
    let runningNodes = 0;
    // Expanded size walked so far: a subtree's size is the difference across its walk (no tuple per node).
    let sizeNodes = 0;
    let sizeAliases = 0;
    const walk = (node: Node | null): void => {
      if (!node) return;
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (!target) {
          stats.unresolved ??= node;
          sizeNodes++;
          sizeAliases++;
          return;
        }
        this.targets.set(node, target);
        if (inProgress.has(target)) {
          stats.recursive ??= node;
          sizeNodes++;
          sizeAliases++;
          return;
        }
        const [n, a] = size.get(target) ?? [1, 0];
        running += a + 1;
        runningNodes += n;
        if (!stats.offender && (running > limits.maxAliases || runningNodes > limits.maxNodes)) stats.offender = node;
        sizeNodes += n;
        sizeAliases += a + 1;
        return;
      }
      const anchored = node.anchor;
      if (anchored) {
        anchors.set(anchored, node);
        stats.anchored.push(node);
      }
      const nodesBefore = sizeNodes;
      const aliasesBefore = sizeAliases;
      runningNodes++;
      sizeNodes++;
      const isMapping = isMap(node);
      if (isMapping || isSeq(node)) {
        inProgress.add(node);
        if (isMapping) this.checkDuplicates(node as YAMLMap);
        for (const item of (node as YAMLMap | YAMLSeq).items) {
          if (isPair(item)) {
            walk(item.key as Node | null);
            walk(item.value as Node | null);
          } else {
            walk(item as Node | null);
          }
        }
        inProgress.delete(node);
      }
      if (anchored) size.set(node, [sizeNodes - nodesBefore, sizeAliases - aliasesBefore]);
    };
    walk(root);
    stats.expandedAliases = running;
    stats.expandedNodes = runningNodes;
  }
}
