import type { Rule, RuleReport } from '../rule';
import { hasDigest, imagesOf } from '../image-ref';

/**
 * No tag (which means `latest`) or the tag `latest`: the image changes under you at every pull, so what
 * runs is neither reproducible nor reviewed. A digest pins it even without a tag. A registry port
 * (`host:5000/app`) is not a tag.
 */
export const imageUnpinned: Rule = {
  id: 'image-unpinned',
  title: 'Image is not pinned to a version',
  defaultSeverity: 'warning',
  appliesTo: ['compose', 'dockerfile'],
  fixable: false,
  messages: {
    default:
      "Service '{service}' uses image {image} without a tag, i.e. latest: every pull may bring a different, unreviewed image; pin a version tag or a digest",
    latest:
      "Service '{service}' uses image {image} with the tag latest: every pull may bring a different, unreviewed image; pin a version tag or a digest",
    dockerfile:
      'FROM {image} has no tag, i.e. latest: every build may start from a different, unreviewed image; pin a version tag or a digest',
    dockerfileLatest:
      'FROM {image} uses the tag latest: every build may start from a different, unreviewed image; pin a version tag or a digest',
  },
  check(c, ctx) {
    const out: RuleReport[] = [];
    for (const { value, ref, text } of imagesOf(c, ctx.project)) {
      if (hasDigest(ref) || (ref.tag && ref.tag !== 'latest')) continue;
      const latest = ref.tag === 'latest';
      const messageId = c.origin === 'dockerfile' ? (latest ? 'dockerfileLatest' : 'dockerfile') : latest ? 'latest' : 'default';
      out.push({ messageId, args: { service: c.name, image: text }, at: value.source });
    }
    return out;
  },
};
