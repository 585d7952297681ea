import type { Rule } from '../rule';
import { imagesOf, isTrustedBy } from '../image-ref';
import { fixOf } from '../values';
import type { ContainerSpec } from '../model';

/** Services that others depend on, per project (one pass, not one per service: 20,000 services in a file). */
const dependedOn = new WeakMap<readonly ContainerSpec[], Map<string, Set<string>>>();

/** Whether another service of the project depends on `name` (the project array is never modified once linted). */
function hasDependents(project: readonly ContainerSpec[], name: string): boolean {
  let byName = dependedOn.get(project);
  if (!byName) {
    byName = new Map();
    for (const other of project) {
      for (const dep of other.dependsOn) {
        let who = byName.get(dep);
        if (!who) byName.set(dep, (who = new Set()));
        who.add(other.name);
      }
    }
    dependedOn.set(project, byName);
  }
  const who = byName.get(name);
  return !!who && (who.size > 1 || !who.has(name));
}

/**
 * Only when `trustedRegistries` is configured: a service whose image is outside them, that publishes no
 * ports, that no other service depends on, links to or shares a namespace with, and that itself depends
 * on no service (it would need the network to reach it) likely needs no network: `network_mode: none`
 * keeps an untrusted image from phoning home or attacking the rest of the network. Services with
 * `build:` (your own image) or any `network_mode` already chosen are left alone.
 */
export const networkNoneSuggested: Rule = {
  id: 'network-none-suggested',
  title: 'Untrusted container that needs no network should have none',
  defaultSeverity: 'hint',
  appliesTo: ['compose'],
  fixable: true,
  fixSafety: {
    safety: 'unsafe',
    reason:
      'The service then has no network at all: a service that fetches, reports or resolves names stops working; only you know whether it needs none.',
  },
  messages: {
    default:
      '{Container} runs image {image} from outside the trusted registries and publishes no ports: if it needs no network, network_mode: none keeps it from reaching the network',
    fix: 'Add network_mode: none (cuts the service off every network, DNS included)',
  },
  check(c, ctx) {
    const trusted = ctx.settings.trustedRegistries;
    if (!trusted || trusted.length === 0) return [];
    if (c.networkMode || c.build || c.ports.length > 0 || c.dependsOn.length > 0) return [];
    const [image] = imagesOf(c, ctx.project);
    if (!image || isTrustedBy(image.ref, trusted)) return [];
    if (hasDependents(ctx.project, c.name)) return [];
    return [
      {
        messageId: 'default',
        args: { service: c.name, image: image.text },
        at: c.declaration,
        fix: fixOf('fix', c.mapping?.addEntry('network_mode', 'none')),
      },
    ];
  },
};
