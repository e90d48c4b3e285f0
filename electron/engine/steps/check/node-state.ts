/**
 * What `swarmlab check` reads on each host itself: whether Docker runs, the node's swarm state
 * and advertised address, the addresses and MTUs its interfaces have now, and when its swarm
 * certificate expires. Read-only: Docker is asked only when its service is already active, so
 * a stopped daemon is not started by socket activation.
 */
import { X509Certificate } from 'node:crypto';

/** Where dockerd keeps the node's own swarm certificate. */
export const NODE_CERTIFICATE = '/var/lib/docker/swarm/certificates/swarm-node.crt';

const CERT_BEGIN = '-----BEGIN CERTIFICATE-----';
const CERT_END = '-----END CERTIFICATE-----';

/** Prints `key=value` lines, then the certificate (public, no secret) as PEM. Golden-tested. */
export const NODE_STATE_SCRIPT = [
  'state=$(systemctl is-active docker 2>/dev/null)',
  'printf "docker=%s\\n" "${state:-unknown}"',
  'if [ "$state" = active ]; then',
  "  printf 'info=%s\\n' \"$(docker info --format '{{.ServerVersion}}|{{.Swarm.LocalNodeState}}|{{.Swarm.NodeID}}|{{.Swarm.NodeAddr}}|{{.Swarm.ControlAvailable}}' 2>/dev/null)\"",
  'fi',
  'ip -o -4 addr show 2>/dev/null | while read -r _ name _ cidr _; do printf \'addr=%s %s\\n\' "$name" "${cidr%/*}"; done',
  'for mtu in /sys/class/net/*/mtu; do name=${mtu%/mtu}; printf "mtu=%s %s\\n" "${name##*/}" "$(cat "$mtu")"; done',
  `cat ${NODE_CERTIFICATE} 2>/dev/null`,
  'true',
].join('\n');

export interface NodeState {
  /** `systemctl is-active docker`: active, inactive, failed, … */
  docker: string;
  version: string;
  /** The node's own swarm state: active, inactive, pending, error, locked; empty when unread. */
  swarm: string;
  nodeId: string;
  /** The address this node advertises to the swarm. */
  advertiseAddress: string;
  isManager: boolean;
  /** Interface name and IPv4 address, as the host has them now. */
  addresses: { name: string; address: string }[];
  mtus: Record<string, number>;
  /** Expiry of the node's swarm certificate, ms since the epoch; undefined when it has none. */
  certificateExpires: number | undefined;
}

/** Reads what NODE_STATE_SCRIPT printed. */
export function parseNodeState(output: string): NodeState {
  const state: NodeState = {
    docker: 'unknown',
    version: '',
    swarm: '',
    nodeId: '',
    advertiseAddress: '',
    isManager: false,
    addresses: [],
    mtus: {},
    certificateExpires: certificateExpiry(output),
  };
  for (const line of output.split('\n')) {
    const equals = line.indexOf('=');
    if (equals <= 0) continue;
    const key = line.slice(0, equals);
    const value = line.slice(equals + 1).trim();
    if (key === 'docker') state.docker = value;
    else if (key === 'info') {
      const [version = '', swarm = '', nodeId = '', address = '', control = ''] = value.split('|');
      Object.assign(state, {
        version,
        swarm,
        nodeId,
        advertiseAddress: address,
        isManager: control === 'true',
      });
    } else if (key === 'addr') {
      const [name = '', address = ''] = value.split(' ');
      if (name && address) state.addresses.push({ name, address });
    } else if (key === 'mtu') {
      const [name = '', mtu = ''] = value.split(' ');
      const parsed = Number.parseInt(mtu, 10);
      if (name && Number.isFinite(parsed)) state.mtus[name] = parsed;
    }
  }
  return state;
}

/** The expiry of the first PEM certificate in the output, or undefined. */
function certificateExpiry(output: string): number | undefined {
  const begin = output.indexOf(CERT_BEGIN);
  const end = output.indexOf(CERT_END, begin);
  if (begin < 0 || end < 0) return undefined;
  try {
    const expires = Date.parse(
      new X509Certificate(output.slice(begin, end + CERT_END.length)).validTo,
    );
    return Number.isFinite(expires) ? expires : undefined;
  } catch {
    return undefined;
  }
}

/** The MTU of the interface that holds `address`, when the host has it. */
export function mtuOf(state: NodeState, address: string): number | undefined {
  const name = state.addresses.find((entry) => entry.address === address)?.name;
  return name === undefined ? undefined : state.mtus[name];
}
