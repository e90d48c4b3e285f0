/** Checks that compare one host's facts with the other hosts' facts. */
import { said, type ClusterCheck } from './check';

export const machineIdCheck: ClusterCheck = (_host, mine, others) => {
  const sameMachineId = others.filter(([, facts]) => facts.machineId === mine.machineId);
  return sameMachineId.length === 0 || mine.machineId === ''
    ? {
        id: 'machine-id',
        status: 'pass',
        ...said({ detail: 'machine-id is unique' }, { detail: 'machine-id 没有重复' }),
      }
    : {
        id: 'machine-id',
        status: 'warn',
        ...said(
          {
            detail: `same machine-id as ${sameMachineId.map(([id]) => id).join(', ')} (cloned VM?)`,
            fix: 'run `rm -f /etc/machine-id && systemd-machine-id-setup` on the clone',
          },
          {
            detail: `machine-id 与 ${sameMachineId.map(([id]) => id).join('、')} 相同（克隆的虚拟机？）`,
            fix: '在克隆出的主机上运行 `rm -f /etc/machine-id && systemd-machine-id-setup`',
          },
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
        ...said(
          { detail: `hostname ${mine.hostname} is unique` },
          { detail: `主机名 ${mine.hostname} 没有重复` },
        ),
      }
    : {
        id: 'hostname',
        status: 'fail',
        ...said(
          {
            detail: `hostname ${mine.hostname} is also used by ${sameName.map(([id]) => id).join(', ')}`,
            fix: 'give each host its own hostname in the inventory',
          },
          {
            detail: `主机名 ${mine.hostname} 也被 ${sameName.map(([id]) => id).join('、')} 使用`,
            fix: '请在主机清单里给每台主机设置各自的主机名',
          },
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
    ...said(
      {
        detail: `already in another swarm (cluster ${myCluster.slice(0, 12)})`,
        fix: 'run `docker swarm leave --force` on it to rejoin, or remove it from the inventory',
      },
      {
        detail: `已在另一个 swarm 中（集群 ${myCluster.slice(0, 12)}）`,
        fix: '在它上面运行 `docker swarm leave --force` 后再加入，或把它从主机清单中移除',
      },
    ),
  };
};
