import type { Rule } from '../rule';

// TODO: implement (stub generated from ../shared/rules.md).
export const imageUnpinned: Rule = {
  id: 'image-unpinned',
  title: 'Image is not pinned to a version',
  defaultSeverity: 'warning',
  appliesTo: ['compose', 'dockerfile'],
  fixable: false,
  messages: {
    default: 'Image is not pinned to a version',
  },
  check() {
    return [];
  },
};
