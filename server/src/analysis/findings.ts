import type { ContainerSpec, ParsedFile } from '../../../shared-rules/src/model';
import type { Finding } from '../../../shared-rules/src/rule';
import { containerFindings, finishFindings, problemFindings, ruleContext, type LintOptions } from '../../../shared-rules/src/engine';
import { movedFrom, shiftLines } from '../../../shared-rules/src/shift';
import { builtImage } from '../../../shared-rules/src/image-ref';

/**
 * The rules' findings of each container of one document's last lint. A front end's typing path hands back the
 * containers an edit did not touch (the same objects) or moved copies of them (shared-rules/src/shift.ts): their
 * findings are taken from here, moved the same way, instead of running the rules again. Valid while the
 * settings that shape findings and the project's names, built images and dependencies (what rules read of others)
 * stay the same.
 */
export class FindingMemo {
  key = '';
  byContainer = new WeakMap<ContainerSpec, Finding[]>();
}

/** Every finding of a project: parse problems and the rules' findings, merged, with severity and suppressions. */
export function projectFindings(files: readonly ParsedFile[], options: LintOptions, rulesKey: string, memo?: FindingMemo): Finding[] {
  const raw = problemFindings(files, options);
  const byKind = new Map<string, ContainerSpec[]>();
  for (const f of files) {
    const list = byKind.get(f.kind);
    if (list) for (const c of f.containers) list.push(c);
    else byKind.set(f.kind, f.containers.slice());
  }
  const known = memo && remembered(memo, `${rulesKey}\u0000${projectSignature(byKind)}`);
  for (const file of files) {
    const ctx = ruleContext(options, byKind.get(file.kind) ?? []);
    for (const c of file.containers) {
      let found = known?.get(c);
      if (!found && known) {
        const from = movedFrom(c);
        const before = from && known.get(from.original as ContainerSpec);
        if (before) found = shiftLines(before, from.shift);
      }
      found ??= containerFindings(c, ctx, options);
      known?.set(c, found);
      for (const f of found) raw.push(f);
    }
  }
  return finishFindings(raw, files, options);
}

function remembered(memo: FindingMemo, key: string): WeakMap<ContainerSpec, Finding[]> {
  if (memo.key !== key) {
    memo.key = key;
    memo.byContainer = new WeakMap();
  }
  return memo.byContainer;
}

/** What rules read of the other containers of a project: names, the images they build, dependencies. */
function projectSignature(byKind: ReadonlyMap<string, readonly ContainerSpec[]>): string {
  const parts: string[] = [];
  for (const [kind, containers] of byKind) {
    parts.push(kind);
    for (const c of containers) parts.push(`${c.name}\u0001${builtImage(c) ?? ''}\u0001${c.dependsOn.join('\u0001')}`);
  }
  return parts.join('\u0002');
}

/** Messages are bounded (a value echoed in a message may be huge): the rest is cut with an ellipsis. */
export const MAX_MESSAGE = 1000;

export function bounded(f: Finding): Finding {
  return f.message.length > MAX_MESSAGE ? { ...f, message: `${f.message.slice(0, MAX_MESSAGE - 1)}…` } : f;
}
