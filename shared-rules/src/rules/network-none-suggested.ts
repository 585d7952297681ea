import type { Rule } from '../rule';

// TODO: implement (stub generated from ../shared/rules.md).
export const networkNoneSuggested: Rule = {
  id: 'network-none-suggested',
  title: 'Untrusted container that needs no network should have none',
  defaultSeverity: 'hint',
  appliesTo: ['compose'],
  fixable: true,
  messages: {
    default: 'Untrusted container that needs no network should have none',
  },
  check() {
    return [];
  },
};
