import type { Rule } from '../rule';

// TODO: implement (stub generated from ../shared/rules.md).
export const hostUserns: Rule = {
  id: 'host-userns',
  title: 'Container opts out of user-namespace remapping',
  defaultSeverity: 'warning',
  appliesTo: ['compose'],
  fixable: true,
  messages: {
    default: 'Container opts out of user-namespace remapping',
  },
  check() {
    return [];
  },
};
