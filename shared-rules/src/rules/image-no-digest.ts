import type { Rule, RuleReport } from '../rule';
import { hasDigest, hasMalformedDigest, imagesOf } from '../image-ref';

/**
 * A tag can be moved to a different image by whoever controls the repository; only a digest names exactly
 * the image that was reviewed (a valid one: see hasDigest). Untagged and `latest` images are image-unpinned's
 * (not reported twice). Dockerfile: every FROM, and every image that COPY --from / RUN --mount from= names.
 */
export const imageNoDigest: Rule = {
  id: 'image-no-digest',
  title: 'Image is not pinned to a digest',
  defaultSeverity: 'hint',
  appliesTo: ['compose', 'dockerfile', 'docker-run', 'devcontainer'],
  fixable: false,
  messages: {
    default:
      '{Container} uses image {image} by tag only: the tag can be moved to another image; pin the digest ({image}@sha256:...) to run exactly what was reviewed',
    dockerfile:
      'FROM {image} uses a tag only: the tag can be moved to another image; pin the digest ({image}@sha256:...) to build from exactly what was reviewed',
    via: '{via}={image} uses a tag only: the tag can be moved to another image; pin the digest ({image}@sha256:...) to copy from exactly what was reviewed',
    malformedDigest:
      '{image} has a digest that is not one ({digest}: a sha256 digest has 64 lowercase hex digits), so only the tag names the image and Docker rejects the reference; pin the full digest',
  },
  check(c, ctx) {
    const out: RuleReport[] = [];
    for (const { value, ref, text, via } of imagesOf(c, ctx.project)) {
      if (hasDigest(ref) || !ref.tag || ref.tag === 'latest') continue;
      const messageId = hasMalformedDigest(ref) ? 'malformedDigest' : via ? 'via' : c.origin === 'dockerfile' ? 'dockerfile' : 'default';
      out.push({ messageId, args: { service: c.name, image: text, via: via ?? '', digest: ref.digest ?? '' }, at: value.source });
    }
    return out;
  },
};
