import type { Rule } from '../rule';

// TODO: implement (stub generated from ../shared/rules.md).
export const insecureDownload: Rule = {
  id: 'insecure-download',
  title: 'Download over plain HTTP',
  defaultSeverity: 'warning',
  appliesTo: ['dockerfile'],
  fixable: true,
  messages: {
    default: 'Download over plain HTTP',
  },
  check() {
    return [];
  },
};
