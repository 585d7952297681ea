import type { Rule } from '../rule';

// TODO: implement (stub generated from ../shared/rules.md).
export const hostPid: Rule = {
  id: 'host-pid',
  title: 'Container shares the host PID namespace',
  defaultSeverity: 'warning',
  appliesTo: ['compose'],
  fixable: false,
  messages: {
    default: 'Container shares the host PID namespace',
  },
  check() {
    return [];
  },
};
