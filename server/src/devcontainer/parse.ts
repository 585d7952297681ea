import * as path from 'node:path';
import type { Node } from 'jsonc-parser';
import type { ContainerSpec, ParsedFile, Source, Suppression, Val } from '../../../shared-rules/src/model';
import { DEV_CONTAINER_NAME } from '../../../shared-rules/src/l10n';
import type { ShellTrees } from '../shell/mvdan';
import { extendSuppressions, suppressionsFromComments, type CommentAt } from '../suppressions';
import { LineIndex } from '../text/line-index';
import { devcontainerOf, sourceOf, type JsonContext } from './container';
import { JsonEdits } from './edits';
import { items, jsonc, parseJsonc, property, valueOf } from './jsonc';
import { lifecycleCommands } from './lifecycle';
import { pushAll } from '../../../shared-rules/src/bounds';

/** What a devcontainer.json says, for the front end to build its project from. */
export interface DevcontainerParse {
  parsed: ParsedFile;
  /** The container (image- or Dockerfile-based), or the settings to merge into the Compose service. */
  container?: ContainerSpec;
  /** `build`: the Dockerfile (absolute), its context and target, as the CLI resolves them. */
  build?: { dockerfile: string; target?: string };
  /** `dockerComposeFile`: the Compose files (absolute, in order) and the `service` the editor attaches to. */
  compose?: { files: string[]; service?: string; source: Source };
  /** `containerUser` or `remoteUser` set to a known non-root user: the image's own USER does not decide. */
  nonRootUser: boolean;
}

/** Parses a devcontainer.json (never throws: a syntax error is a `parse-error` problem, and nothing else is read). */
export function parseDevcontainer(file: string, text: string, trees?: ShellTrees): DevcontainerParse {
  const index = new LineIndex(text);
  const none: ParsedFile = { file, kind: 'devcontainer', containers: [], suppressions: [], problems: [] };
  const parse = parseJsonc(text);
  if (parse.error) {
    const at = index.positionAt(parse.error.offset);
    const message = `This devcontainer.json is not valid JSON with comments (${parse.error.message} at line ${at.line + 1}), so it was not analysed`;
    none.problems.push({ rule: 'parse-error', message, source: { file, range: { start: at, end: at } } });
    return { parsed: none, nonRootUser: false };
  }
  const root = parse.root;
  none.suppressions = suppressionsOf(file, text, index);
  if (root?.type !== 'object') return { parsed: none, nonRootUser: false };
  const ctx: JsonContext = { file, index, edits: new JsonEdits(file, index) };
  const dir = path.dirname(file);
  const compose = composeFiles(root, dir, ctx);
  const anchor = property(root, 'image') ?? property(root, 'build') ?? property(root, 'dockerFile');
  const declared = compose ? property(root, 'dockerComposeFile') : anchor;
  const nameNode = valueOf(root, 'name');
  const name = nameNode?.type === 'string' && String(nameNode.value).trim() !== '' ? String(nameNode.value) : DEV_CONTAINER_NAME;
  const containers: ContainerSpec[] = [];
  let container: ContainerSpec | undefined;
  if (declared?.children?.[0]) {
    const declaration = sourceOf(declared.children[0], ctx);
    container = devcontainerOf(root, ctx, { name, declaration, anchor, compose: !!compose });
    if (!compose) {
      container.build = buildLink(root, ctx);
      containers.push(container);
    }
  }
  const lifecycle = lifecycleCommands(root, ctx, trees);
  pushAll(containers, lifecycle.containers);
  extendSuppressions(none.suppressions, lifecycle.spans);
  return {
    parsed: { ...none, containers, problems: lifecycle.problems },
    container,
    build: compose ? undefined : dockerfileOf(root, dir),
    compose,
    nonRootUser: nonRoot(valueOf(root, 'containerUser')) || nonRoot(valueOf(root, 'remoteUser')),
  };
}

function nonRoot(node: Node | undefined): boolean {
  if (node?.type !== 'string') return false;
  const user = String(node.value).trim().split(':')[0];
  return user !== '' && !user.includes('${') && user.toLowerCase() !== 'root' && !/^0+$/.test(user);
}

/** The Compose files a devcontainer.json names (absolute); none when it does not parse. */
export function composeFilesOf(file: string, text: string): string[] {
  // Discovery asks this of every devcontainer.json: most have no `dockerComposeFile` (unless a key spells it
  // with escapes), and need no parse here.
  if (!text.includes('dockerComposeFile') && !text.includes('\\u')) return [];
  const parse = parseJsonc(text);
  if (!parse.root || parse.root.type !== 'object') return [];
  const index = new LineIndex(text);
  return composeFiles(parse.root, path.dirname(file), { file, index, edits: new JsonEdits(file, index) })?.files ?? [];
}

/** `dockerComposeFile`: a path or a list of paths, relative to the devcontainer.json. */
function composeFiles(root: Node, dir: string, ctx: JsonContext): DevcontainerParse['compose'] {
  const p = property(root, 'dockerComposeFile');
  const node = p?.children?.[1];
  if (!p || !node) return undefined;
  const list = node.type === 'array' ? items(node) : [node];
  const files = list.filter((n) => n.type === 'string' && String(n.value).trim() !== '' && !String(n.value).includes('${'));
  if (files.length === 0) return undefined;
  const service = valueOf(root, 'service');
  return {
    files: files.map((n) => path.resolve(dir, String(n.value))),
    service: service?.type === 'string' ? String(service.value) : undefined,
    source: sourceOf(p, ctx),
  };
}

/** `build.dockerfile` (relative to the devcontainer.json), `build.target`; `dockerFile` is its old spelling. */
function dockerfileOf(root: Node, dir: string): DevcontainerParse['build'] {
  const build = valueOf(root, 'build');
  const old = valueOf(root, 'dockerFile') ?? valueOf(root, 'dockerfile');
  const file = valueOf(build, 'dockerfile') ?? valueOf(build, 'dockerFile') ?? (build ? undefined : old);
  if (file?.type !== 'string' || String(file.value).includes('${')) return undefined;
  const target = valueOf(build, 'target');
  return {
    dockerfile: path.resolve(dir, String(file.value)),
    ...(target?.type === 'string' && !String(target.value).includes('${') ? { target: String(target.value) } : {}),
  };
}

/** The `build` link as the model records it (its values, for messages). */
function buildLink(root: Node, ctx: JsonContext): ContainerSpec['build'] {
  const build = valueOf(root, 'build');
  if (build?.type !== 'object') return undefined;
  const val = (key: string): Val | undefined => {
    const n = valueOf(build, key);
    return n?.type === 'string' ? { value: String(n.value), known: !String(n.value).includes('${'), source: sourceOf(n, ctx) } : undefined;
  };
  return { context: val('context'), dockerfile: val('dockerfile'), target: val('target') };
}

/** `// dockwarden-ignore <id>` and `/* dockwarden-ignore <id> *\/` comments, found by the JSON scanner. */
function suppressionsOf(file: string, text: string, index: LineIndex): Suppression[] {
  if (!text.includes('dockwarden-ignore')) return [];
  const scanner = jsonc().createScanner(text, false);
  const comments: CommentAt[] = [];
  const code: number[] = [];
  for (let kind = scanner.scan() as number; kind !== 17; kind = scanner.scan() as number) {
    const offset = scanner.getTokenOffset();
    const start = index.positionAt(offset);
    if (kind === 12 || kind === 13) {
      const value = text.slice(offset, offset + scanner.getTokenLength());
      const end = index.positionAt(offset + scanner.getTokenLength());
      const ownLine = text.slice(index.lineStart(start.line), offset).trim() === '';
      const body = kind === 12 ? value.slice(2) : value.slice(2, value.endsWith('*/') ? -2 : undefined);
      comments.push({ line: start.line, lastLine: end.line, character: start.character, endCharacter: end.character, body, ownLine });
    } else if (kind !== 14 && kind !== 15 && code[code.length - 1] !== start.line) {
      code.push(start.line);
    }
  }
  return suppressionsFromComments(file, comments, code);
}
