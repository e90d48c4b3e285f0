/**
 * Pure pieces of the swarm verification: the test service's commands and the parsing of what
 * the nodes answered. Every result records what was observed; nothing passes by default.
 */
import type { SwarmNode } from '../../shared/checks';
import { shellJoin, shellQuote } from '../shell/quote';

export const VERIFY_SERVICE = 'swarmlab-verify';
export const PINNED_SERVICE = 'swarmlab-verify-pinned';
/** Published in host mode on every node: each node answers with its own task. */
export const HOST_MODE_PORT = 18080;
/** Published through the routing mesh, where the kernel has IPVS. */
export const INGRESS_PORT = 18081;

/** Each task serves its own name (`<node>-<slot>`), so every answer says who answered. */
const SERVE_OWN_NAME = 'mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 80 -h /www';

export interface ServiceSpec {
  name: string;
  image: string;
  network: string;
  replicas: number;
  /** `global`: one task on every node (`replicas` is then not used). */
  mode?: 'global';
  maxPerNode?: number;
  constraint?: string;
  endpointMode: 'vip' | 'dnsrr';
  publishHostPort?: number;
  publishIngressPort?: number;
}

export function createServiceCommand(spec: ServiceSpec): string {
  return shellJoin([
    'docker',
    'service',
    'create',
    '--detach',
    '--name',
    spec.name,
    '--hostname',
    '{{.Node.Hostname}}-{{.Task.Slot}}',
    '--network',
    spec.network,
    ...(spec.mode === 'global' ? ['--mode', 'global'] : ['--replicas', String(spec.replicas)]),
    ...(spec.maxPerNode ? ['--replicas-max-per-node', String(spec.maxPerNode)] : []),
    ...(spec.constraint ? ['--constraint', spec.constraint] : []),
    '--endpoint-mode',
    spec.endpointMode,
    ...(spec.publishHostPort
      ? ['--publish', `mode=host,published=${spec.publishHostPort},target=80`]
      : []),
    ...(spec.publishIngressPort
      ? ['--publish', `published=${spec.publishIngressPort},target=80`]
      : []),
    // The task's PID 1 is busybox httpd, which has no SIGTERM handler: as PID 1 it ignores the
    // signal and every removal sat out Docker's 10 s grace period. The test service holds no
    // state, so it is killed at once.
    '--stop-signal',
    'KILL',
    '--no-resolve-image',
    spec.image,
    'sh',
    '-c',
    SERVE_OWN_NAME,
  ]);
}

/** Parses `docker node ls` with the format used by the verify step (`id|host|status|avail|mgr`). */
export function parseNodeList(output: string): Omit<SwarmNode, 'address'>[] {
  return output
    .split('\n')
    .filter((line) => line.includes('|'))
    .map((line) => {
      const [id = '', hostname = '', status = '', availability = '', managerStatus = ''] =
        line.split('|');
      return { id, hostname, status, availability, managerStatus };
    });
}

export interface TaskState {
  node: string;
  state: string;
  error: string;
}

/** The tasks a service wants running, as `node|state|error` lines (parseTaskStates reads them). */
export function taskStatesCommand(service: string): string {
  return `docker service ps --filter desired-state=running --format '{{.Node}}|{{.CurrentState}}|{{.Error}}' ${shellQuote(service)}`;
}

/** The tasks in `docker service ps` output (taskStatesCommand) that are running now. */
export function runningTasks(output: string): TaskState[] {
  return parseTaskStates(output).filter((task) => task.state.startsWith('Running'));
}

/** Parses `docker service ps --format '{{.Node}}|{{.CurrentState}}|{{.Error}}'`. */
export function parseTaskStates(output: string): TaskState[] {
  return output
    .split('\n')
    .filter((line) => line.includes('|'))
    .map((line) => {
      const [node = '', state = '', error = ''] = line.split('|');
      return { node, state, error };
    });
}

export interface OverlayTask {
  name: string;
  ip: string;
  hostIp: string;
}

interface VerboseNetwork {
  Services?: Record<
    string,
    { Tasks?: { Name?: string; EndpointIP?: string; Info?: { 'Host IP'?: string } }[] }
  >;
}

/** The overlay addresses of a service's tasks, from `docker network inspect --verbose`. */
export function overlayTasks(inspectJson: string, service: string): OverlayTask[] {
  const [network] = JSON.parse(inspectJson) as VerboseNetwork[];
  const tasks = network?.Services?.[service]?.Tasks ?? [];
  return tasks.map((task) => ({
    name: task.Name ?? '',
    ip: (task.EndpointIP ?? '').split('/')[0] ?? '',
    hostIp: task.Info?.['Host IP'] ?? '',
  }));
}

/**
 * One HTTP GET with busybox `nc`, printing the body's last line (the task's name) or FAIL.
 * `nc` rather than `wget`: the static busybox of Debian crashes in wget's name lookup.
 */
const FETCH_FUNCTION = [
  'fetch() {',
  '  answer=$(printf \'GET / HTTP/1.0\\r\\n\\r\\n\' | nc -w 3 "$1" "$2" 2>/dev/null | tail -n 1)',
  '  [ -n "$answer" ] || answer=FAIL',
  '  printf \'%s\\n\' "$answer"',
  '}',
];

/** A script for inside a task: fetch each `host:port` once; print `host:port answer` lines. */
export function fetchEachScript(targets: readonly string[]): string {
  return [
    ...FETCH_FUNCTION,
    `for target in ${shellJoin(targets)}; do`,
    '  printf \'%s \' "$target"',
    '  fetch "${target%:*}" "${target##*:}"',
    'done',
  ].join('\n');
}

/**
 * A script for inside a task: `count` requests to a service by name; prints each answer.
 * With a virtual IP the name has one address and IPVS spreads the requests. With DNS round
 * robin each request looks the name up again and connects to the first address returned, as a
 * plain DNS client does: glibc's resolver would re-sort the addresses and always pick the same.
 */
export function fetchRepeatedlyScript(
  service: string,
  port: number,
  count: number,
  endpointMode: 'vip' | 'dnsrr',
): string {
  const target =
    endpointMode === 'vip'
      ? `fetch ${shellJoin([service, String(port)])}`
      : [
          `address=$(nslookup ${shellQuote(service)} 2>/dev/null | awk '/^Address/ && $2 !~ /:53$/ {print $2; exit}')`,
          `  fetch "$address" ${shellQuote(String(port))}`,
        ].join('\n');
  return [
    ...FETCH_FUNCTION,
    'i=0',
    `while [ "$i" -lt ${count} ]; do`,
    `  ${target}`,
    '  i=$((i + 1))',
    'done',
  ].join('\n');
}

/** Parses `target answer` lines into a map. */
export function parseFetches(output: string): Map<string, string> {
  const answers = new Map<string, string>();
  for (const line of output.split('\n')) {
    const space = line.indexOf(' ');
    if (space > 0) answers.set(line.slice(0, space), line.slice(space + 1).trim());
  }
  return answers;
}

/** The node an answer came from: answers are `<node hostname>-<task slot>`. */
export function nodeOfAnswer(answer: string): string | undefined {
  const match = /^(.*)-\d+$/.exec(answer.trim());
  return match?.[1];
}
