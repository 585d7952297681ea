import type { Rule, RuleReport } from '../rule';
import { hasDigest, imagesOf } from '../image-ref';

/**
 * A tag can be moved to a different image by whoever controls the repository; only a digest names exactly
 * the image that was reviewed. Untagged and `latest` images are image-unpinned's (not reported twice).
 */
export const imageNoDigest: Rule = {
  id: 'image-no-digest',
  title: 'Image is not pinned to a digest',
  defaultSeverity: 'hint',
  appliesTo: ['compose', 'dockerfile'],
  fixable: false,
  messages: {
    default:
      "Service '{service}' uses image {image} by tag only: the tag can be moved to another image; pin the digest ({image}@sha256:...) to run exactly what was reviewed",
    dockerfile:
      'FROM {image} uses a tag only: the tag can be moved to another image; pin the digest ({image}@sha256:...) to build from exactly what was reviewed',
  },
  check(c, ctx) {
    const out: RuleReport[] = [];
    for (const { value, ref, text } of imagesOf(c, ctx.project)) {
      if (hasDigest(ref) || !ref.tag || ref.tag === 'latest') continue;
      out.push({
        messageId: c.origin === 'dockerfile' ? 'dockerfile' : 'default',
        args: { service: c.name, image: text },
        at: value.source,
      });
    }
    return out;
  },
};
