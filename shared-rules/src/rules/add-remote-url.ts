import type { Rule } from '../rule';

// TODO: implement (stub generated from ../shared/rules.md).
export const addRemoteUrl: Rule = {
  id: 'add-remote-url',
  title: 'ADD of a remote URL without checksum',
  defaultSeverity: 'info',
  appliesTo: ['dockerfile'],
  fixable: false,
  messages: {
    default: 'ADD of a remote URL without checksum',
  },
  check() {
    return [];
  },
};
