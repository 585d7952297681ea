import type { Rule } from '../rule';

// TODO: implement (stub generated from ../shared/rules.md).
export const capDropMissing: Rule = {
  id: 'cap-drop-missing',
  title: 'Capabilities are not dropped',
  defaultSeverity: 'info',
  appliesTo: ['compose'],
  fixable: true,
  messages: {
    default: 'Capabilities are not dropped',
  },
  check() {
    return [];
  },
};
