import type { Rule } from '../rule';

// TODO: implement (stub generated from ../shared/rules.md).
export const imageNoDigest: Rule = {
  id: 'image-no-digest',
  title: 'Image is not pinned to a digest',
  defaultSeverity: 'hint',
  appliesTo: ['compose', 'dockerfile'],
  fixable: false,
  messages: {
    default: 'Image is not pinned to a digest',
  },
  check() {
    return [];
  },
};
