import type { Rule } from '../rule';

// TODO: implement (stub generated from ../shared/rules.md).
export const hostNetwork: Rule = {
  id: 'host-network',
  title: 'Container shares the host network',
  defaultSeverity: 'warning',
  appliesTo: ['compose'],
  fixable: false,
  messages: {
    default: 'Container shares the host network',
  },
  check() {
    return [];
  },
};
