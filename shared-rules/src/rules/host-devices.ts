import type { Rule } from '../rule';

/** A host device in the container (`/dev/sda`, `/dev/mem`, a GPU) bypasses the container's isolation for it. */
export const hostDevices: Rule = {
  id: 'host-devices',
  title: 'Host device mapped into the container',
  defaultSeverity: 'warning',
  appliesTo: ['compose', 'docker-run', 'devcontainer'],
  fixable: false,
  messages: {
    default:
      '{Container} maps host device {device} into the container: it can read and write the device directly; make sure it needs it and grant the least access (e.g. :r)',
  },
  check(c) {
    return c.devices
      .filter((d) => d.known && d.value.trim() !== '')
      .map((d) => ({ messageId: 'default', args: { service: c.name, device: d.value.trim() }, at: d.source }));
  },
};
