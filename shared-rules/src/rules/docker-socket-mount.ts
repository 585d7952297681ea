import type { Rule, RuleReport } from '../rule';
import { bindHostPath, isEngineSocketPath } from '../paths';
import { fixOf } from '../values';

/**
 * The engine socket (or `/run`, `/var/run`, which hold it) gives the container the engine's API: it can
 * start a privileged container with the host's `/` mounted. `:ro` only makes the socket file read-only;
 * the API behind it stays fully usable.
 */
export const dockerSocketMount: Rule = {
  id: 'docker-socket-mount',
  title: 'Container-engine socket mounted into the container',
  defaultSeverity: 'error',
  appliesTo: ['compose', 'docker-run', 'devcontainer'],
  fixable: true,
  fixSafety: {
    safety: 'unsafe',
    reason:
      'The socket is mounted because the service talks to the engine (a reverse proxy that reads container labels, a CI runner, a monitor, an updater); without it that service stops working.',
  },
  messages: {
    default:
      'Mounting {path} gives {container} full control of the container engine: it can start a privileged container and take over the host',
    readOnly:
      'Mounting {path} gives {container} full control of the container engine, even read-only (:ro does not limit the API): it can start a privileged container and take over the host',
    directory:
      'Mounting {path} exposes the container-engine socket inside it to {container}: it can start a privileged container and take over the host',
    fix: 'Remove the {path} mount (breaks a service that uses the engine API, e.g. a proxy, a CI runner or a monitor)',
    fixDevcontainer: 'Remove the {path} mount (breaks what uses the engine from inside the dev container)',
    feature:
      "The feature {feature} mounts the Docker socket ({path}) into {container}: it gets full control of the host's container engine, so it can start a privileged container and take over the host",
  },
  check(c) {
    const out: RuleReport[] = [];
    for (const m of c.mounts) {
      const path = bindHostPath(m);
      if (!path || !isEngineSocketPath(path)) continue;
      if (m.feature) {
        out.push({ messageId: 'feature', args: { feature: m.feature, path }, at: m.source });
        continue;
      }
      const isDir = /^\/(var\/)?run\/*$/.test(path);
      out.push({
        messageId: isDir ? 'directory' : m.readOnly ? 'readOnly' : 'default',
        args: { service: c.name, path },
        at: m.source,
        fix:
          c.origin === 'devcontainer' ? fixOf('fixDevcontainer', m.remove?.(), { path }, 'unsafe') : fixOf('fix', m.remove?.(), { path }),
      });
    }
    return out;
  },
};
