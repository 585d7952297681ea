import type { Rule } from '../rule';
import { isOneOf } from '../values';

/** `network_mode: host`: the container sees every host interface and can reach services bound to localhost. */
export const hostNetwork: Rule = {
  id: 'host-network',
  title: 'Container shares the host network',
  defaultSeverity: 'warning',
  appliesTo: ['compose'],
  fixable: false,
  messages: {
    default:
      "{Container} uses network_mode: host: it shares the host's network stack, can reach services listening on the host's localhost and bypasses network isolation and port publishing",
  },
  check(c) {
    const v = c.networkMode;
    if (!isOneOf(v, 'host')) return [];
    return [{ messageId: 'default', args: { service: c.name }, at: v!.source }];
  },
};
