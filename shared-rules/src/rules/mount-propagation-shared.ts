import type { Mount, Val } from '../model';
import type { Rule, RuleReport } from '../rule';

const SHARED = new Set(['shared', 'rshared']);

/**
 * Shared propagation makes mounts made inside the container appear on the host (and the other way round),
 * so a container that can mount can change what the host sees.
 */
export const mountPropagationShared: Rule = {
  id: 'mount-propagation-shared',
  title: 'Bind mount with shared propagation',
  defaultSeverity: 'warning',
  appliesTo: ['compose', 'docker-run', 'devcontainer'],
  fixable: false,
  messages: {
    default:
      '{Container} bind-mounts {path} with {propagation} propagation: mounts made inside the container appear on the host; use the default (rprivate) unless it really must propagate',
  },
  check(c) {
    const out: RuleReport[] = [];
    for (const m of c.mounts) {
      const propagation = sharedPropagation(m);
      if (!propagation) continue;
      const path = m.hostPath?.known ? m.hostPath.value.trim() : m.target?.known ? m.target.value.trim() : '?';
      out.push({ messageId: 'default', args: { service: c.name, path, propagation }, at: m.source });
    }
    return out;
  },
};

function sharedPropagation(m: Mount): string | undefined {
  if (m.propagation) return shared(m.propagation);
  // Short syntax: the options after the second colon (`/a:/b:ro,rshared`), if the parser did not split them.
  if (m.syntax !== 'short' || !m.scalar?.known) return undefined;
  const fields = m.scalar.value.split(':');
  if (fields.length !== 3) return undefined;
  return fields[2]
    .split(',')
    .map((o) => o.trim().toLowerCase())
    .find((o) => SHARED.has(o));
}

function shared(v: Val): string | undefined {
  const p = v.known ? v.value.trim().toLowerCase() : '';
  return SHARED.has(p) ? p : undefined;
}
