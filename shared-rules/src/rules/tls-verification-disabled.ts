import type { Rule } from '../rule';

// TODO: implement (stub generated from ../shared/rules.md).
export const tlsVerificationDisabled: Rule = {
  id: 'tls-verification-disabled',
  title: 'TLS certificate verification disabled',
  defaultSeverity: 'warning',
  appliesTo: ['dockerfile'],
  fixable: true,
  messages: {
    default: 'TLS certificate verification disabled',
  },
  check() {
    return [];
  },
};
