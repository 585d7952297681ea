import type { Rule } from '../rule';

// TODO: implement (stub generated from ../shared/rules.md).
export const noNewPrivilegesMissing: Rule = {
  id: 'no-new-privileges-missing',
  title: 'no-new-privileges is not set',
  defaultSeverity: 'info',
  appliesTo: ['compose'],
  fixable: true,
  messages: {
    default: 'no-new-privileges is not set',
  },
  check() {
    return [];
  },
};
