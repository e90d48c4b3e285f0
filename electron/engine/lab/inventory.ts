import type { InventoryInput } from '../inventory/schema';
import type { LabInfo } from './types';

export interface LabInventoryOptions {
  /** How many of the hosts are managers (the first ones). Default 1. */
  managers?: number;
  /** Reach this host (by index) as the non-root sudo user instead of root. */
  sudoUserHost?: number;
  /** Environment variable names the passwords are read from, per host index. */
  passwordEnv?: (index: number) => string;
}

/**
 * An inventory for the lab's hosts with the tutorial's choices: node01… hostnames, Docker from
 * Debian's packages, a registry mirror, an insecure registry and log rotation, an overlay
 * network, and the lab's busybox image for verification. Passwords are referenced through
 * environment variables, so the inventory file holds no secret.
 */
export function labInventory(lab: LabInfo, options: LabInventoryOptions = {}): InventoryInput {
  const managers = options.managers ?? 1;
  const passwordEnv =
    options.passwordEnv ?? ((index: number) => `SWARMLAB_LAB_PASSWORD_${index + 1}`);
  return {
    name: 'swarmlab-lab',
    hosts: lab.hosts.map((host, index) => {
      const viaSudo = options.sudoUserHost === index;
      return {
        address: host.address,
        port: host.port,
        hostname: `node${String(index + 1).padStart(2, '0')}`,
        role: index < managers ? 'manager' : 'worker',
        user: viaSudo ? host.sudoUser : 'root',
        passwordEnv: passwordEnv(index),
        ...(viaSudo ? { sudoPasswordEnv: passwordEnv(index) } : {}),
      };
    }),
    docker: {
      install: 'distro',
      daemon: {
        'registry-mirrors': ['https://registry.lab.example'],
        'insecure-registries': ['registry.lab.example:5000'],
        'log-driver': 'json-file',
        'log-opts': { 'max-size': '10m', 'max-file': '3' },
      },
    },
    swarm: { network: { name: 'swarmlab-net', subnet: '10.10.0.0/24', attachable: true } },
    verify: { image: lab.image.name, imageArchive: lab.image.archive },
  };
}

/** The environment variables that `labInventory` points the passwords at. */
export function labPasswordEnv(
  lab: LabInfo,
  options: LabInventoryOptions = {},
): Record<string, string> {
  const passwordEnv =
    options.passwordEnv ?? ((index: number) => `SWARMLAB_LAB_PASSWORD_${index + 1}`);
  return Object.fromEntries(
    lab.hosts.map((host, index) => [
      passwordEnv(index),
      options.sudoUserHost === index ? host.sudoPassword : host.rootPassword,
    ]),
  );
}
