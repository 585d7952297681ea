import type { PortBinding, TextEdit, Val } from '../model';
import type { Rule, RuleReport } from '../rule';
import { fixOf, rewriteAffixes } from '../values';

/**
 * A published port without a host address (or with `0.0.0.0` / `::`) listens on every interface of the
 * host, so the service is reachable from the network, and Docker's iptables rules bypass host firewalls
 * such as ufw. A bare container port (`"3000"`, `9100`) is published on a random host port, also on all
 * interfaces. The fix binds to 127.0.0.1; a reverse proxy or an explicit address can then expose it.
 */
export const portAllInterfaces: Rule = {
  id: 'port-all-interfaces',
  title: 'Port published on all network interfaces',
  defaultSeverity: 'warning',
  appliesTo: ['compose', 'docker-run'],
  fixable: true,
  messages: {
    default:
      "{Container} publishes {port} on all host interfaces: it is reachable from the network, and Docker's rules bypass host firewalls such as ufw",
    randomPort:
      "{Container} publishes container port {port} on a random host port on all host interfaces: it is reachable from the network, and Docker's rules bypass host firewalls such as ufw",
    publishAll:
      "{Container} publishes every port its image exposes (-P) on random host ports on all host interfaces: they are reachable from the network, and Docker's rules bypass host firewalls such as ufw; publish the ports it needs with -p 127.0.0.1:PORT:PORT",
    fix: 'Bind to 127.0.0.1',
  },
  check(c) {
    const out: RuleReport[] = [];
    for (const p of c.ports) {
      if (p.syntax === 'publish-all') {
        out.push({ messageId: 'publishAll', args: { service: c.name }, at: p.source });
        continue;
      }
      if (p.syntax === 'dockerfile-expose' || !listensOnAllInterfaces(p)) continue;
      out.push({
        messageId: p.hostPort ? 'default' : 'randomPort',
        args: { service: c.name, port: describe(p) },
        at: p.source,
        fix: fixOf('fix', localhostEdits(p)),
      });
    }
    return out;
  },
};

/** `0.0.0.0`, `::`, `[::]` and an empty address mean every interface. */
export function isAllInterfaces(ip: Val): boolean {
  const a = ip.value.trim().replace(/^\[(.*)\]$/, '$1');
  return a === '' || a === '0.0.0.0' || /^(0{0,4}:){1,7}0{0,4}$/.test(a);
}

function listensOnAllInterfaces(p: PortBinding): boolean {
  if (p.hostIp) return p.hostIp.known && isAllInterfaces(p.hostIp);
  // With no address, an unknown scalar (`${PORTS}`) might still carry one: do not guess.
  return !p.scalar || p.scalar.known;
}

function describe(p: PortBinding): string {
  if (p.scalar?.known) return p.scalar.value.trim();
  const host = p.hostPort?.known ? p.hostPort.value.trim() : '';
  const container = p.containerPort.known ? p.containerPort.value.trim() : '?';
  return host ? `${host}:${container}` : container;
}

function localhostEdits(p: PortBinding): TextEdit[] | undefined {
  if (p.syntax === 'long') {
    if (p.hostIp) return p.hostIp.replace?.('127.0.0.1');
    return p.mapping?.addEntry('host_ip', '127.0.0.1');
  }
  const scalar = p.scalar;
  if (!scalar?.known) return undefined;
  if (!p.hostIp) return rewriteAffixes(scalar, { addPrefix: p.hostPort ? '127.0.0.1:' : '127.0.0.1::' });
  // Replace the written address: `0.0.0.0:80:80`, `[::]:80:80`.
  const value = scalar.value.trim();
  const end = value.startsWith('[') ? value.indexOf(']:') + 2 : value.indexOf(':') + 1;
  if (end <= 0) return undefined;
  return rewriteAffixes(scalar, { stripPrefix: value.slice(0, end), addPrefix: '127.0.0.1:' });
}
