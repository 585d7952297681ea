import type { Rule } from '../rule';

// TODO: implement (stub generated from ../shared/rules.md).
export const plaintextSecret: Rule = {
  id: 'plaintext-secret',
  title: 'Secret written in plain text',
  defaultSeverity: 'warning',
  appliesTo: ['compose', 'dockerfile'],
  fixable: false,
  messages: {
    default: 'Secret written in plain text',
  },
  check() {
    return [];
  },
};
