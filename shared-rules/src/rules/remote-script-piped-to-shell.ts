import type { Rule } from '../rule';

// TODO: implement (stub generated from ../shared/rules.md).
export const remoteScriptPipedToShell: Rule = {
  id: 'remote-script-piped-to-shell',
  title: 'Remote script piped to a shell',
  defaultSeverity: 'error',
  appliesTo: ['dockerfile'],
  fixable: false,
  messages: {
    default: 'Remote script piped to a shell',
  },
  check() {
    return [];
  },
};
