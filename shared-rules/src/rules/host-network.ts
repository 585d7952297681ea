import type { Rule } from '../rule';
import { fixOf, isOneOf, writtenAsFlag } from '../values';

/** `network_mode: host`: the container sees every host interface and can reach services bound to localhost. */
export const hostNetwork: Rule = {
  id: 'host-network',
  title: 'Container shares the host network',
  defaultSeverity: 'warning',
  appliesTo: ['compose', 'docker-run', 'devcontainer'],
  fixable: true,
  fixSafety: {
    safety: 'unsafe',
    reason:
      'a container on the host network reaches host services on localhost and listens on host ports without -p; without it those connections and ports stop working until ports are published.',
  },
  messages: {
    default:
      "{Container} uses network_mode: host: it shares the host's network stack, can reach services listening on the host's localhost and bypasses network isolation and port publishing",
    flag: "{Container} runs with --network host: it shares the host's network stack, can reach services listening on the host's localhost and bypasses network isolation and port publishing",
    fixFlag: 'Remove --network host (may break a container that reaches host services on localhost or serves without -p)',
    fixRunArgs: "Remove --network host (may break what the dev container serves, or reaches on the host's localhost)",
  },
  check(c) {
    const v = c.networkMode;
    if (!isOneOf(v, 'host')) return [];
    const run = writtenAsFlag(c, v);
    return [
      {
        messageId: run ? 'flag' : 'default',
        args: { service: c.name },
        at: v!.source,
        fix: !run
          ? undefined
          : c.origin === 'devcontainer'
            ? fixOf('fixRunArgs', v!.removeEntry?.(), undefined, 'unsafe')
            : fixOf('fixFlag', v!.removeEntry?.()),
      },
    ];
  },
};
