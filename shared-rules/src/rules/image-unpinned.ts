import type { Rule, RuleReport } from '../rule';
import { hasDigest, hasMalformedDigest, imagesOf } from '../image-ref';

/**
 * No tag (which means `latest`) or the tag `latest`: the image changes under you at every pull, so what
 * runs is neither reproducible nor reviewed. A digest pins it even without a tag — a valid one: `@sha256:` with
 * 64 lowercase hex digits (a shorter one pins nothing). A registry port (`host:5000/app`) is not a tag.
 * Dockerfile: every FROM, and every image that COPY --from / RUN --mount from= names.
 */
export const imageUnpinned: Rule = {
  id: 'image-unpinned',
  title: 'Image is not pinned to a version',
  defaultSeverity: 'warning',
  appliesTo: ['compose', 'dockerfile', 'docker-run', 'devcontainer'],
  fixable: false,
  messages: {
    default:
      '{Container} uses image {image} without a tag, i.e. latest: every pull may bring a different, unreviewed image; pin a version tag or a digest',
    latest:
      '{Container} uses image {image} with the tag latest: every pull may bring a different, unreviewed image; pin a version tag or a digest',
    dockerfile:
      'FROM {image} has no tag, i.e. latest: every build may start from a different, unreviewed image; pin a version tag or a digest',
    dockerfileLatest:
      'FROM {image} uses the tag latest: every build may start from a different, unreviewed image; pin a version tag or a digest',
    via: '{via}={image} has no tag, i.e. latest: every build may copy from a different, unreviewed image; pin a version tag or a digest',
    viaLatest: '{via}={image} uses the tag latest: every build may copy from a different, unreviewed image; pin a version tag or a digest',
    malformedDigest:
      '{image} has a digest that is not one ({digest}: a sha256 digest has 64 lowercase hex digits), so it pins nothing and Docker rejects the reference; pin the full digest',
  },
  check(c, ctx) {
    const out: RuleReport[] = [];
    for (const { value, ref, text, via } of imagesOf(c, ctx.project)) {
      if (hasDigest(ref) || (ref.tag && ref.tag !== 'latest')) continue;
      const latest = ref.tag === 'latest';
      let messageId: string;
      if (hasMalformedDigest(ref)) messageId = 'malformedDigest';
      else if (via) messageId = latest ? 'viaLatest' : 'via';
      else if (c.origin === 'dockerfile') messageId = latest ? 'dockerfileLatest' : 'dockerfile';
      else messageId = latest ? 'latest' : 'default';
      out.push({ messageId, args: { service: c.name, image: text, via: via ?? '', digest: ref.digest ?? '' }, at: value.source });
    }
    return out;
  },
};
