import type { Rule } from '../rule';

// TODO: implement (stub generated from ../shared/rules.md).
export const loggingDisabled: Rule = {
  id: 'logging-disabled',
  title: 'Container logging disabled',
  defaultSeverity: 'info',
  appliesTo: ['compose'],
  fixable: false,
  messages: {
    default: 'Container logging disabled',
  },
  check() {
    return [];
  },
};
