/**
 * Reading what a host has now: packages, the dockerd binary and the daemon. Changes nothing.
 */
import { shellQuote } from '../../shell/quote';
import { packagesToProbe } from './packages';
import type { Format } from './system';

export interface InstalledPackage {
  name: string;
  version: string;
}

/** What the host has now. */
export interface DockerHostState {
  packages: InstalledPackage[];
  /** `command -v dockerd` */
  dockerdPath: string | undefined;
  /** From `dockerd --version`, without a running daemon. */
  binaryVersion: string | undefined;
  /** From `docker version`, when the daemon answers. */
  serverVersion: string | undefined;
  active: boolean;
}

/** Reads package state, binary and daemon in one round trip; changes nothing. */
export function dockerProbeScript(format: Format): string {
  const names = packagesToProbe(format).map(shellQuote).join(' ');
  const packages =
    format === 'deb'
      ? [
          '# shellcheck disable=SC2016 # dpkg-query expands ${…} itself',
          `dpkg-query -W -f='pkg \${db:Status-Abbrev} \${Package} \${Version}\\n' ${names} 2>/dev/null`,
        ]
      : [
          `rpm -q --qf 'pkg ii %{NAME} %|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}\\n' ${names} 2>/dev/null | grep '^pkg '`,
        ];
  return [
    'set +e',
    'LC_ALL=C',
    'export LC_ALL',
    ...packages,
    'echo "dockerd=$(command -v dockerd 2>/dev/null)"',
    'echo "binary=$(dockerd --version 2>/dev/null)"',
    `echo "server=$(docker version --format '{{.Server.Version}}' 2>/dev/null)"`,
    'echo "active=$(systemctl is-active docker 2>/dev/null)"',
    'exit 0',
    '',
  ].join('\n');
}

/** Parses the probe's output. dpkg's status `ii` (or `hi`, held) means installed. */
export function parseDockerProbe(output: string): DockerHostState {
  const packages: InstalledPackage[] = [];
  const values = new Map<string, string>();
  for (const line of output.split('\n')) {
    const words = line.trim().split(/\s+/);
    if (words[0] === 'pkg') {
      const [, status = '', name = '', version = ''] = words;
      if (status[1] === 'i' && name) packages.push({ name, version });
      continue;
    }
    const equals = line.indexOf('=');
    if (equals > 0) values.set(line.slice(0, equals), line.slice(equals + 1).trim());
  }
  const binary = /version ([^\s,]+)/i.exec(values.get('binary') ?? '')?.[1];
  return {
    packages,
    dockerdPath: values.get('dockerd') || undefined,
    binaryVersion: binary,
    serverVersion: values.get('server') || undefined,
    active: values.get('active') === 'active',
  };
}
