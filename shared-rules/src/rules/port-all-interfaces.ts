import type { PortBinding, Val } from '../model';
import type { Rule, RuleFix, RuleReport } from '../rule';
import { fixOf, rewriteAffixes, singleVariable, writtenFields } from '../values';

/**
 * A published port without a host address (or with `0.0.0.0` / `::`) listens on every interface of the
 * host, so the service is reachable from the network, and Docker's iptables rules bypass host firewalls
 * such as ufw. A bare container port (`"3000"`, `9100`) is published on a random host port, also on all
 * interfaces. The fix binds to 127.0.0.1; a reverse proxy or an explicit address can then expose it. A port built
 * from variables is fixed only where no text gets glued to what a variable holds: an address that is one variable
 * (`${BIND:-}:443:443`) gets its default set (`${BIND:-127.0.0.1}`); a variable that may hold a `:` gets no fix.
 */
export const portAllInterfaces: Rule = {
  id: 'port-all-interfaces',
  title: 'Port published on all network interfaces',
  defaultSeverity: 'warning',
  appliesTo: ['compose', 'docker-run', 'devcontainer'],
  fixable: true,
  fixSafety: {
    safety: 'unsafe',
    reason:
      'The port then answers only on the host itself: a service that other machines use (a reverse proxy on 80/443, an API for other hosts) stops serving them.',
  },
  messages: {
    default:
      "{Container} publishes {port} on all host interfaces: it is reachable from the network, and Docker's rules bypass host firewalls such as ufw",
    randomPort:
      "{Container} publishes container port {port} on a random host port on all host interfaces: it is reachable from the network, and Docker's rules bypass host firewalls such as ufw",
    publishAll:
      "{Container} publishes every port its image exposes (-P) on random host ports on all host interfaces: they are reachable from the network, and Docker's rules bypass host firewalls such as ufw; publish the ports it needs with -p 127.0.0.1:PORT:PORT",
    fix: 'Bind to 127.0.0.1 (makes the port unreachable from other machines)',
    fixDefault: 'Set the default of {variable} to 127.0.0.1 (makes the port unreachable from other machines unless {variable} is set)',
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
        fix: localhostFix(p),
      });
    }
    return out;
  },
};

/** `0.0.0.0`, `::`, `[::]` and an empty address mean every interface. */
export function isAllInterfaces(ip: Val): boolean {
  return isAllInterfacesAddress(ip.value);
}

function isAllInterfacesAddress(text: string): boolean {
  const a = text.trim().replace(/^\[(.*)\]$/, '$1');
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

/** Binds the port to 127.0.0.1, or sets the default of the variable that is its address. */
function localhostFix(p: PortBinding): RuleFix | undefined {
  if (p.syntax === 'long') {
    const ip = p.hostIp;
    if (!ip) return fixOf('fix', p.mapping?.addEntry('host_ip', '127.0.0.1'));
    if (ip.raw === undefined) return fixOf('fix', ip.replace?.('127.0.0.1'));
    const variable = defaultable(ip.raw, ip.value);
    return variable ? fixOf('fixDefault', ip.replace?.(`\${${variable}:-127.0.0.1}`), { variable }) : undefined;
  }
  const scalar = p.scalar;
  if (!scalar?.known) return undefined;
  const fields = writtenFields(scalar);
  if (!fields) return undefined;
  const n = fields.length;
  // `3000` → `127.0.0.1::3000`; `8080:80` → `127.0.0.1:8080:80` (a field of its own, whatever the variables in it).
  if (n < 3) return fixOf('fix', rewriteAffixes(scalar, { addPrefix: n === 2 ? '127.0.0.1:' : '127.0.0.1::' }));
  // Everything before host:container is the address, as written: `0.0.0.0`, `[::]`, `` or a variable.
  const address = fields.slice(0, n - 2).join(':');
  if (!address.includes('$')) return fixOf('fix', rewriteAffixes(scalar, { stripPrefix: `${address}:`, addPrefix: '127.0.0.1:' }));
  const value = scalar.value
    .trim()
    .split(':')
    .slice(0, n - 2)
    .join(':');
  const variable = defaultable(address, value);
  if (!variable) return undefined;
  const rest = (scalar.raw ?? scalar.value).slice(address.length);
  return fixOf('fixDefault', scalar.replace?.(`\${${variable}:-127.0.0.1}${rest}`), { variable });
}

/**
 * The variable whose default to set, when the address is written as one variable (`${BIND}`, `${BIND:-}`,
 * `${BIND-0.0.0.0}`, `$BIND`) and its value now is its default (or empty): a value set elsewhere (`.env`) is not
 * changed by a default, so there is nothing to fix here.
 */
function defaultable(written: string, value: string): string | undefined {
  const v = singleVariable(written);
  if (!v) return undefined;
  const now = value.trim();
  const fallback = (v.default ?? '').trim();
  if (now !== '' && now !== fallback) return undefined;
  return fallback === '' || isAllInterfacesAddress(fallback) ? v.name : undefined;
}
