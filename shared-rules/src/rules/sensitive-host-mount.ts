import type { Mount, TextEdit } from '../model';
import type { Rule, RuleReport } from '../rule';
import { bindHostPath, isEngineSocketPath, isSensitiveHostPath } from '../paths';
import { fixOf, rewriteAffixes, writtenFields } from '../values';

/**
 * A bind mount of the host's system or credential folders (`/`, `/etc`, `~/.ssh`, ...) or of a parent of
 * them. Writable: the container can change the host (error); read-only: it can still read host secrets
 * (warning). Narrow mounts below them (`/etc/localtime`) are deliberate and do not fire. Engine sockets
 * (`/var/run`) belong to docker-socket-mount.
 */
export const sensitiveHostMount: Rule = {
  id: 'sensitive-host-mount',
  title: 'Sensitive host path mounted into the container',
  defaultSeverity: 'error',
  appliesTo: ['compose', 'docker-run', 'devcontainer'],
  fixable: true,
  fixSafety: {
    safety: 'unsafe',
    reason:
      'A writable mount of a host folder is sometimes used for writing (a file server sharing /home, a tool that manages /etc or /var/lib/docker); read-only, its writes fail.',
  },
  messages: {
    default: "{Container} mounts the host's {path} writable: a compromised container can change host files there and take over the host",
    readOnly:
      "{Container} mounts the host's {path} read-only: it can still read host secrets and configuration there; mount only the file it needs",
    fix: 'Mount {path} read-only (may break a service that writes there)',
  },
  check(c) {
    const out: RuleReport[] = [];
    for (const m of c.mounts) {
      const path = bindHostPath(m);
      if (!path || m.type === 'npipe' || isEngineSocketPath(path) || !isSensitiveHostPath(path)) continue;
      if (m.readOnly) {
        out.push({ messageId: 'readOnly', args: { service: c.name, path }, at: m.source, severity: 'warning' });
        continue;
      }
      out.push({
        messageId: 'default',
        args: { service: c.name, path },
        at: m.source,
        fix: fixOf('fix', readOnlyEdits(m), { path }),
      });
    }
    return out;
  },
};

/**
 * `:ro` in the short syntax's mode field (`/etc:/etc` → `/etc:/etc:ro`, `:rw,z` → `:ro,z`), or `read_only: true`.
 * None where a variable may hold a `:` (the fields as written must line up with the value's) or holds the setting.
 */
function readOnlyEdits(m: Mount): TextEdit[] | undefined {
  if (m.syntax === 'long') {
    const v = m.readOnlyValue;
    if (v) return v.known && v.raw === undefined ? v.replace?.('true') : undefined;
    return m.mapping?.addEntry('read_only', 'true');
  }
  const scalar = m.scalar;
  if (!scalar?.known || !writtenFields(scalar)) return undefined;
  const fields = scalar.value.split(':');
  if (fields.length === 2) return rewriteAffixes(scalar, { addSuffix: ':ro' });
  if (fields.length !== 3) return undefined;
  const mode = fields[2];
  const options = mode.split(',').filter((o) => o !== 'rw' && o !== 'ro' && o !== '');
  return rewriteAffixes(scalar, { stripSuffix: `:${mode}`, addSuffix: `:${['ro', ...options].join(',')}` });
}
