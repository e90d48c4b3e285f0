/** Host checks about the network swarm will use: the advertised address, IPVS, the peers. */
import type { PlanHostSummary } from '../../../shared/plan';
import type { HostFacts } from '../facts';
import { said, type HostCheck } from './check';

export interface AdvertiseChoice {
  address: string;
  interfaceName: string | undefined;
  onInterface: boolean;
}

/** The address swarm should advertise: the one we reach the host by, when the host owns it. */
export function advertiseAddressFor(
  host: PlanHostSummary,
  facts: HostFacts,
  advertiseInterface?: string,
): AdvertiseChoice {
  if (host.advertiseAddress) {
    const named = facts.interfaces.find((candidate) => candidate.address === host.advertiseAddress);
    return {
      address: host.advertiseAddress,
      interfaceName: named?.name,
      onInterface: Boolean(named),
    };
  }
  const chosen = advertiseInterface
    ? facts.interfaces.find((candidate) => candidate.name === advertiseInterface)
    : undefined;
  if (chosen) return { address: chosen.address, interfaceName: chosen.name, onInterface: true };
  const owned = facts.interfaces.find((candidate) => candidate.address === host.address);
  if (owned) return { address: owned.address, interfaceName: owned.name, onInterface: true };
  const fallback = facts.interfaces.find((candidate) => candidate.name === facts.defaultInterface);
  return {
    address: fallback?.address ?? host.address,
    interfaceName: fallback?.name,
    onInterface: false,
  };
}

export const advertiseAddressCheck: HostCheck = (host, facts) => {
  const advertised = advertiseAddressFor(host, facts);
  return {
    id: 'advertise-address',
    status: advertised.onInterface ? 'pass' : 'warn',
    ...said(
      {
        detail: `will advertise ${advertised.address}${advertised.interfaceName ? ` (${advertised.interfaceName})` : ''}`,
        ...(advertised.onInterface
          ? {}
          : {
              fix: `${host.address} is not an address of this host (NAT or jump host?): set advertiseAddress for it`,
            }),
      },
      {
        detail: `将通告地址 ${advertised.address}${advertised.interfaceName ? `（${advertised.interfaceName}）` : ''}`,
        ...(advertised.onInterface
          ? {}
          : {
              fix: `${host.address} 不是这台主机自己的地址（NAT 或跳板机？）：请为它设置 advertiseAddress`,
            }),
      },
    ),
  };
};

export const routingMeshCheck: HostCheck = (_host, facts) =>
  facts.ipvs
    ? {
        id: 'routing-mesh',
        status: 'pass',
        ...said(
          { detail: 'IPVS is available for the routing mesh' },
          { detail: 'IPVS 可用，路由网格可以工作' },
        ),
      }
    : {
        id: 'routing-mesh',
        status: 'warn',
        ...said(
          {
            detail:
              'the kernel has no IPVS: the swarm routing mesh and VIP load balancing will not work',
            fix: 'verification proves load balancing by DNS round robin and host-mode ports instead',
          },
          {
            detail: '内核没有 IPVS：swarm 的路由网格和 VIP 负载均衡无法工作',
            fix: '验证步骤会改用 DNS 轮询和 host 模式端口来证明负载均衡',
          },
        ),
      };

export const peersCheck: HostCheck = (_host, facts) => {
  const unreachable = Object.entries(facts.peers)
    .filter(([, state]) => state === 'closed')
    .map(([peer]) => peer);
  const tested = Object.keys(facts.peers).length;
  if (tested === 0) return undefined;
  return unreachable.length === 0
    ? {
        id: 'peers',
        status: 'pass',
        // On large plans a host tests a window of peers (steps/preflight.ts, peersToProbe).
        ...(tested === 1
          ? said(
              { detail: 'reaches the other host it tested' },
              { detail: '能连到它测试的另一台主机' },
            )
          : said(
              { detail: `reaches the ${tested} other hosts it tested` },
              { detail: `能连到它测试的其余 ${tested} 台主机` },
            )),
      }
    : {
        id: 'peers',
        status: 'warn',
        ...said(
          {
            detail: `cannot reach ${unreachable.join(', ')} over TCP`,
            fix: 'check routes and firewalls between the hosts; swarm needs 2377/tcp, 7946/tcp+udp, 4789/udp',
          },
          {
            detail: `无法通过 TCP 连到 ${unreachable.join('、')}`,
            fix: '请检查主机之间的路由和防火墙；swarm 需要 2377/tcp、7946/tcp+udp、4789/udp',
          },
        ),
      };
};
