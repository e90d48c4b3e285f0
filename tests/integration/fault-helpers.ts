import { expect } from 'vitest';
import { hostExec } from '../../electron/engine/lab';
import type { RunEvent } from '../../electron/shared/run-events';
import { SETUP_STEPS } from '../../electron/engine/steps';
import { HOSTS_BLOCK_BEGIN, HOSTS_BLOCK_END } from '../../electron/engine/steps/hosts-file';

/** Preflight gathers the facts the Docker steps read; nothing else is needed before them. */
export const DOCKER_STEPS = SETUP_STEPS.filter((step) =>
  ['preflight', 'docker-install', 'docker-daemon'].includes(step.id),
);
/** Everything before Docker. */
export const PREPARE_STEPS = SETUP_STEPS.slice(
  0,
  SETUP_STEPS.findIndex((step) => step.id === 'selinux') + 1,
);

/** Runs a shell script as root inside a lab host (no ssh) and returns its trimmed stdout. */
export async function onHost(name: string, script: string): Promise<string> {
  const result = await hostExec(name, ['sh', '-c', script]);
  return result.stdout.trim();
}

/**
 * A hook for `onEvent` that fires `fault` once, the first time `host` enters `phase` of `step`.
 * `fired` settles when the fault has been injected, so the test can wait for it.
 */
export function faultAt(
  host: string,
  step: string,
  phase: 'probe' | 'apply' | 'verify',
  fault: () => Promise<unknown>,
): { onEvent: (event: RunEvent) => void; fired: () => Promise<void> } {
  let injected: Promise<unknown> | undefined;
  return {
    onEvent: (event) => {
      if (
        !injected &&
        event.type === 'step-phase' &&
        event.host === host &&
        event.step === step &&
        event.phase === phase
      ) {
        injected = fault();
        // fired() reports a failed fault in its test; until then it is not an unhandled one.
        injected.catch(() => undefined);
      }
    },
    fired: async () => {
      expect(injected, `the run never reached ${step} ${phase} on ${host}`).toBeDefined();
      await injected;
    },
  };
}

/** The failures of a run, keyed by host. */
export function failuresByHost(
  failures: readonly { host: string; step: string; message: string }[],
): Map<string, { step: string; message: string }> {
  return new Map(failures.map((entry) => [entry.host, entry]));
}

/** The final status of every step on one host, as "step status". */
export function stepsOf(events: readonly RunEvent[], host: string): string[] {
  return events.flatMap((event) =>
    event.type === 'step-finished' && event.host === host ? [`${event.step} ${event.status}`] : [],
  );
}

/** True when every step of the host ended ok or changed. */
export function hostFinished(events: readonly RunEvent[], host: string): boolean {
  const steps = stepsOf(events, host);
  return steps.length > 0 && steps.every((line) => / (ok|changed)$/.test(line));
}

const KEY_LINE =
  /^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp\d+|sk-ssh-ed25519@openssh\.com) [A-Za-z0-9+/]+={0,2}( .*)?$/;

/**
 * The files the setup writes are whole on the host: old or new, never half. daemon.json parses
 * (and equals one of `daemonCandidates` when given), /etc/hosts holds at most one complete
 * swarmlab block, every authorized_keys line is a key line, and the app's key is there whole or
 * not at all. Files that do not exist yet count as old.
 */
export async function expectWholeConfigs(
  name: string,
  expected: { appPublicKey?: string; daemonCandidates?: readonly unknown[] } = {},
): Promise<void> {
  const daemon = await onHost(name, 'cat /etc/docker/daemon.json 2>/dev/null || true');
  if (daemon !== '') {
    const parsed: unknown = JSON.parse(daemon);
    expect(typeof parsed, `${name}: daemon.json is an object`).toBe('object');
    if (expected.daemonCandidates) expect(expected.daemonCandidates).toContainEqual(parsed);
  }

  const hosts = await onHost(name, 'cat /etc/hosts');
  const begins = hosts.split(HOSTS_BLOCK_BEGIN).length - 1;
  const ends = hosts.split(HOSTS_BLOCK_END).length - 1;
  expect(begins, `${name}: /etc/hosts swarmlab blocks`).toBeLessThanOrEqual(1);
  expect(ends, `${name}: /etc/hosts block ends match its begins`).toBe(begins);
  expect(hosts).toMatch(/^127\.0\.0\.1\s+localhost/m);

  const keyFiles = await onHost(
    name,
    'for f in /root/.ssh/authorized_keys /home/*/.ssh/authorized_keys; do [ -f "$f" ] && echo "$f"; done; true',
  );
  for (const file of keyFiles.split('\n').filter(Boolean)) {
    const lines = (await onHost(name, `cat ${file}`)).split('\n').filter((line) => line !== '');
    for (const line of lines) expect(line, `${name}:${file}`).toMatch(KEY_LINE);
    if (expected.appPublicKey) {
      const [type, body] = expected.appPublicKey.split(' ');
      const mentions = lines.filter((line) => line.includes(body ?? '\u0000'));
      for (const line of mentions) expect(line.startsWith(`${type} ${body}`)).toBe(true);
      expect(mentions.length).toBeLessThanOrEqual(1);
    }
  }
}

/**
 * Kills sshd on a lab host the way a crash would: the listener and every connection it forked,
 * found by process ancestry inside the host. (`systemctl kill ssh` alone leaves the forked
 * connections running: they live in the login sessions' scopes.) A process of the list may
 * end on its own before its signal (a command finishing), so only the listener's end is
 * checked. SIGTERM makes sshd exit 255, which ssh.service's RestartPreventExitStatus keeps
 * down until started again.
 */
export async function killSshd(name: string): Promise<void> {
  const tree = [
    'main=$(systemctl show -p MainPID --value ssh)',
    '[ "$main" -gt 1 ] || exit 3',
    `pids=$(ps -e -o pid=,ppid= | awk -v root="$main" '{ parent[$1] = $2 } END { for (p in parent) { q = p; while (q > 1) { if (q == root) { print p; break } q = parent[q] } } }')`,
    'for pid in $pids; do kill -TERM "$pid" 2>/dev/null; done',
    'tries=0',
    'while kill -0 "$main" 2>/dev/null; do',
    '  tries=$((tries + 1))',
    '  [ "$tries" -le 50 ] || { echo "sshd $main still runs 5 s after SIGTERM" >&2; exit 4; }',
    '  sleep 0.1',
    'done',
  ].join('\n');
  const result = await hostExec(name, ['sh', '-c', tree]);
  if (result.exitCode !== 0) throw new Error(`could not kill sshd on ${name}: ${result.stderr}`);
}
