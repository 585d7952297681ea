import type { Rule } from '../rule';

// TODO: implement (stub generated from ../shared/rules.md).
export const rootUser: Rule = {
  id: 'root-user',
  title: 'Container runs as root',
  defaultSeverity: 'warning',
  appliesTo: ['compose', 'dockerfile'],
  fixable: true,
  messages: {
    default: 'Container runs as root',
  },
  check() {
    return [];
  },
};
