import type { Rule } from '../rule';

// TODO: implement (stub generated from ../shared/rules.md).
export const untrustedRegistry: Rule = {
  id: 'untrusted-registry',
  title: 'Image from an untrusted registry',
  defaultSeverity: 'warning',
  appliesTo: ['compose', 'dockerfile'],
  fixable: false,
  messages: {
    default: 'Image from an untrusted registry',
  },
  check() {
    return [];
  },
};
