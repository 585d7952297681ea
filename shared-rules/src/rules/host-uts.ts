import type { Rule } from '../rule';

// TODO: implement (stub generated from ../shared/rules.md).
export const hostUts: Rule = {
  id: 'host-uts',
  title: 'Container shares the host UTS namespace',
  defaultSeverity: 'warning',
  appliesTo: ['compose'],
  fixable: false,
  messages: {
    default: 'Container shares the host UTS namespace',
  },
  check() {
    return [];
  },
};
