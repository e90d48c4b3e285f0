/** Host checks about the network swarm will use: the advertised address, IPVS, the peers. */
import type { PlanHostSummary } from '../../../shared/plan';
import type { HostFacts } from '../facts';
import { localized, localizedList } from '../../../shared/messages';
import { localizedWords, type HostCheck } from './check';

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
    ...localizedWords(
      advertised.interfaceName
        ? localized('checks.advertise-address.addressOnInterface', {
            address: advertised.address,
            interface: advertised.interfaceName,
          })
        : localized('checks.advertise-address.address', { address: advertised.address }),
      advertised.onInterface
        ? undefined
        : localized('checks.advertise-address.notOwnedFix', { address: host.address }),
    ),
  };
};

export const routingMeshCheck: HostCheck = (_host, facts) =>
  facts.ipvs
    ? {
        id: 'routing-mesh',
        status: 'pass',
        ...localizedWords(localized('checks.routing-mesh.available')),
      }
    : {
        id: 'routing-mesh',
        status: 'warn',
        ...localizedWords(
          localized('checks.routing-mesh.missing.detail'),
          localized('checks.routing-mesh.missing.fix'),
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
        ...localizedWords(
          tested === 1
            ? localized('checks.peers.reachesOne')
            : localized('checks.peers.reachesMany', { count: tested }),
        ),
      }
    : {
        id: 'peers',
        status: 'warn',
        ...localizedWords(
          localized('checks.peers.unreachable.detail', { hosts: localizedList(unreachable) }),
          localized('checks.peers.unreachable.fix'),
        ),
      };
};
