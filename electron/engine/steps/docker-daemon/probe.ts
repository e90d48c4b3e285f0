/**
 * Reading the docker unit, its environment files and what dockerd can do. Changes nothing.
 */
import { shellQuote } from '../../shell/quote';
import { execStartFromShow, parseEnvironmentFile } from './command-line';
import { HOSTS_DROP_IN } from './hosts-drop-in';

export interface DaemonHostState {
  dockerd: string | undefined;
  validate: boolean;
  execStart: string | undefined;
  env: Record<string, string>;
  active: boolean;
  dropInPresent: boolean;
  /** Whether the host is a node of a swarm (a restart then goes one node at a time). */
  inSwarm: boolean;
}

/** Reads the unit, its environment files and what dockerd can do; changes nothing. */
export const DAEMON_PROBE_SCRIPT = [
  'set +e',
  'LC_ALL=C',
  'export LC_ALL',
  'echo "dockerd=$(command -v dockerd 2>/dev/null)"',
  // --validate arrived in Docker 23.0.
  'if dockerd --help 2>&1 | grep -q -- --validate; then echo validate=yes; fi',
  "echo \"execstart=$(systemctl show docker.service -p ExecStart 2>/dev/null | tr '\\n' ' ')\"",
  'echo "active=$(systemctl is-active docker.service 2>/dev/null)"',
  `if [ -e ${shellQuote(HOSTS_DROP_IN)} ]; then echo dropin=yes; fi`,
  'echo "swarm=$(docker info --format \'{{.Swarm.LocalNodeState}}\' 2>/dev/null)"',
  'for file in /etc/default/docker /etc/sysconfig/docker; do',
  '  if [ -r "$file" ]; then',
  "    grep -E '^[[:space:]]*(export[[:space:]]+)?(DOCKER_OPTS|OPTIONS)=' \"$file\" | sed 's/^/env /'",
  '  fi',
  'done',
  'exit 0',
  '',
].join('\n');

export function parseDaemonProbe(output: string): DaemonHostState {
  const values = new Map<string, string>();
  const envLines: string[] = [];
  for (const line of output.split('\n')) {
    if (line.startsWith('env ')) {
      envLines.push(line.slice(4));
      continue;
    }
    const equals = line.indexOf('=');
    if (equals > 0) values.set(line.slice(0, equals), line.slice(equals + 1).trim());
  }
  return {
    dockerd: values.get('dockerd') || undefined,
    validate: values.get('validate') === 'yes',
    execStart: execStartFromShow(values.get('execstart') ?? ''),
    env: parseEnvironmentFile(envLines.join('\n')),
    active: values.get('active') === 'active',
    dropInPresent: values.get('dropin') === 'yes',
    inSwarm: values.get('swarm') === 'active',
  };
}
