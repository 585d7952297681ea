import type { Rule } from '../rule';
import type { RuleReport } from '../rule';
import { fixOf, isTrue, writtenAsFlag } from '../values';

/**
 * `privileged: true` gives the container every capability and every host device. A dev container may be made
 * privileged in several places at once (its `privileged` key, `--privileged` in `runArgs`, the docker-in-docker
 * feature): each is reported. Removing it from a devcontainer is unsafe (rules.md § Fix safety): what needed it
 * (Docker-in-Docker, FUSE, a VPN) stops working.
 */
export const privileged: Rule = {
  id: 'privileged',
  title: 'Container runs privileged',
  defaultSeverity: 'error',
  appliesTo: ['compose', 'docker-run', 'devcontainer'],
  fixable: true,
  fixSafety: {
    safety: 'unsafe',
    reason:
      'privileged is set for a service that needs devices, mounts or kernel settings (Docker-in-Docker, hardware access, VPN, system monitors); without it those fail.',
  },
  messages: {
    default: "{Container} runs privileged: it gets every capability and the host's devices, so root in it is root on the host",
    fix: 'Remove privileged: true (may break a service that needs host devices or kernel features, e.g. Docker-in-Docker)',
    fixFlag: 'Remove --privileged (may break a service that needs host devices or kernel features, e.g. Docker-in-Docker)',
    fixKey: 'Remove "privileged": true (may break what needs it, such as Docker-in-Docker or FUSE)',
    fixRunArgs: 'Remove --privileged (may break what needs it, such as Docker-in-Docker or FUSE)',
    feature:
      "{Container} uses the feature {feature}, which runs it privileged: it gets every capability and the host's devices, so root in it is root on the host; prefer docker-outside-of-docker with a rootless engine, or build images elsewhere",
  },
  check(c) {
    const out: RuleReport[] = [];
    for (const v of c.privilegedSources ?? (c.privileged ? [c.privileged] : [])) {
      if (!isTrue(v)) continue;
      if (v.feature) {
        out.push({ messageId: 'feature', args: { feature: v.feature }, at: v.source });
        continue;
      }
      out.push({
        messageId: 'default',
        args: { service: c.name },
        at: v.source,
        fix: fixOf(
          fixTitle(c.origin === 'devcontainer', writtenAsFlag(c, v)),
          v.removeEntry?.(),
          undefined,
          c.origin === 'devcontainer' ? 'unsafe' : undefined,
        ),
      });
    }
    return out;
  },
};

function fixTitle(devcontainer: boolean, flag: boolean): string {
  if (devcontainer) return flag ? 'fixRunArgs' : 'fixKey';
  return flag ? 'fixFlag' : 'fix';
}
