import type { Rule } from '../rule';

// TODO: implement (stub generated from ../shared/rules.md).
export const capAddDangerous: Rule = {
  id: 'cap-add-dangerous',
  title: 'Dangerous Linux capability added',
  defaultSeverity: 'warning',
  appliesTo: ['compose'],
  fixable: false,
  messages: {
    default: 'Dangerous Linux capability added',
  },
  check() {
    return [];
  },
};
