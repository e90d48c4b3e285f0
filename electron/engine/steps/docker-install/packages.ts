/**
 * The package names each kind of install puts on a host, and the ones that stand in its way.
 */
import type { Format } from './system';

/** The packages of a docker-ce install; swarm needs the engine, its CLI and containerd. */
export const DOCKER_CE_PACKAGES = ['docker-ce', 'docker-ce-cli', 'containerd.io'];

/**
 * Packages that must go before each kind of install, as Docker's install guides list them
 * (plus the other engine flavours). Only these names are ever removed, and only when the
 * user set docker.removeConflicting.
 */
export const CONFLICTS = {
  'docker-ce': {
    deb: [
      'docker.io',
      'docker-doc',
      'docker-compose',
      'docker-compose-v2',
      'podman-docker',
      'containerd',
      'runc',
      'docker-engine',
    ],
    rpm: [
      'docker',
      'docker-client',
      'docker-client-latest',
      'docker-common',
      'docker-latest',
      'docker-latest-logrotate',
      'docker-logrotate',
      'docker-selinux',
      'docker-engine-selinux',
      'docker-engine',
      'podman-docker',
      'moby-engine',
      'runc',
    ],
  },
  distro: {
    deb: ['docker-ce', 'docker-ce-cli', 'containerd.io', 'docker-engine', 'podman-docker'],
    rpm: [
      'docker-ce',
      'docker-ce-cli',
      'containerd.io',
      'docker',
      'docker-engine',
      'podman-docker',
    ],
  },
  static: {
    deb: [
      'docker-ce',
      'docker-ce-cli',
      'containerd.io',
      'docker.io',
      'docker-engine',
      'podman-docker',
      'containerd',
    ],
    rpm: [
      'docker-ce',
      'docker-ce-cli',
      'containerd.io',
      'docker',
      'moby-engine',
      'docker-engine',
      'podman-docker',
    ],
  },
} as const;

/** Every package name the probe asks about on a system of this format. */
export function packagesToProbe(format: Format): string[] {
  const names = new Set<string>([
    'docker-ce',
    'docker-ce-cli',
    'containerd.io',
    'docker.io',
    'moby-engine',
  ]);
  for (const kind of Object.values(CONFLICTS)) for (const name of kind[format]) names.add(name);
  return [...names].sort();
}
