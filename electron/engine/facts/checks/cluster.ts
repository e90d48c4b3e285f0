/** Checks that compare one host's facts with the other hosts' facts. */
import { localized, localizedList } from '../../../shared/messages';
import { localizedWords, type ClusterCheck } from './check';

export const machineIdCheck: ClusterCheck = (_host, mine, others) => {
  const sameMachineId = others.filter(([, facts]) => facts.machineId === mine.machineId);
  return sameMachineId.length === 0 || mine.machineId === ''
    ? {
        id: 'machine-id',
        status: 'pass',
        ...localizedWords(localized('checks.machine-id.unique')),
      }
    : {
        id: 'machine-id',
        status: 'warn',
        ...localizedWords(
          localized('checks.machine-id.cloned.detail', {
            hosts: localizedList(sameMachineId.map(([id]) => id)),
          }),
          localized('checks.machine-id.cloned.fix'),
        ),
      };
};

/** Only when the inventory does not set the hostname: then the host keeps the one it has. */
export const hostnameCheck: ClusterCheck = (host, mine, others) => {
  if (host.hostname) return undefined;
  const sameName = others.filter(([, facts]) => facts.hostname === mine.hostname);
  return sameName.length === 0
    ? {
        id: 'hostname',
        status: 'pass',
        ...localizedWords(localized('checks.hostname.unique', { hostname: mine.hostname })),
      }
    : {
        id: 'hostname',
        status: 'fail',
        ...localizedWords(
          localized('checks.hostname.shared.detail', {
            hostname: mine.hostname,
            hosts: localizedList(sameName.map(([id]) => id)),
          }),
          localized('checks.hostname.shared.fix'),
        ),
      };
};

export const otherSwarmCheck: ClusterCheck = (_host, mine, others) => {
  const myCluster = mine.docker.swarm.state === 'active' ? mine.docker.swarm.clusterId : '';
  const otherClusters = new Set(
    others
      .map(([, facts]) =>
        facts.docker.swarm.state === 'active' ? facts.docker.swarm.clusterId : '',
      )
      .filter(Boolean),
  );
  if (!myCluster || otherClusters.size === 0 || otherClusters.has(myCluster)) return undefined;
  return {
    id: 'swarm',
    status: 'fail',
    ...localizedWords(
      localized('checks.swarm.otherSwarm.detail', { cluster: myCluster.slice(0, 12) }),
      localized('checks.swarm.otherSwarm.fix'),
    ),
  };
};
