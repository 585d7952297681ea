import { isScalar, type Node, type YAMLMap } from 'yaml';
import type { IncludeRef } from '../../../shared-rules/src/model';
import type { EditContext } from './edits';
import { interpolate, type Env, type InterpolationContext } from './interpolate';
import type { YamlView } from './yaml-view';

/**
 * Top-level `include:`: `- path.yml` or `- {path: a.yml | [a.yml, b.yml], project_directory, env_file}`.
 * Entries whose paths stay unknown after interpolation are skipped (never guessed).
 */
export function parseIncludes(ctx: EditContext, view: YamlView, top: YAMLMap, env: Env, interp: InterpolationContext = {}): IncludeRef[] {
  const entry = view.entries(top).get('include');
  const seq = entry ? view.seq(entry.value) : undefined;
  if (!seq) return [];
  const out: IncludeRef[] = [];
  for (const item of seq.items) {
    const node = view.deref(item);
    if (!node?.range) continue;
    const source = { file: ctx.file, range: ctx.lines.range(node.range[0], node.range[1]) };
    const map = view.map(node);
    if (!map) {
      const path = text(view, node, env, interp);
      if (path !== undefined) out.push({ paths: [path], source });
      continue;
    }
    const e = view.entries(map);
    const paths = texts(view, e.get('path')?.value ?? null, env, interp);
    if (!paths || paths.length === 0) continue;
    const ref: IncludeRef = { paths, source };
    const dir = e.get('project_directory') ? text(view, e.get('project_directory')!.value, env, interp) : undefined;
    if (dir !== undefined) ref.projectDirectory = dir;
    const envFiles = e.get('env_file') ? texts(view, e.get('env_file')!.value, env, interp) : undefined;
    if (envFiles) ref.envFiles = envFiles;
    out.push(ref);
  }
  return out;
}

function text(view: YamlView, node: Node | null, env: Env, interp: InterpolationContext): string | undefined {
  const s = view.scalar(node);
  if (!s || s.value === null || s.value === undefined) return undefined;
  const r = interpolate(String(s.value), env, interp);
  return r.known ? r.value : undefined;
}

function texts(view: YamlView, node: Node | null, env: Env, interp: InterpolationContext): string[] | undefined {
  const seq = view.seq(node);
  if (!seq) {
    const one = isScalar(view.deref(node)) ? text(view, node, env, interp) : undefined;
    return one === undefined ? undefined : [one];
  }
  const out = seq.items.map((i) => text(view, view.deref(i), env, interp));
  return out.every((x): x is string => x !== undefined) ? out : undefined;
}
