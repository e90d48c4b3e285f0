/**
 * One inventory host reached from the command line (`swarmlab ssh`, `swarmlab cp`) the way a run
 * reaches it: named as the inventory names it, logged in with the app key first and then what
 * the inventory says, through its jump host, its key checked against swarmlab's known_hosts.
 * Only that host's secrets are asked for, and a login password only once the app key was refused.
 */
import { knownHostsPath } from '../engine/app-paths';
import {
  JUMP_HOST_TARGET,
  neededDespiteAppKey,
  resolveHosts,
  resolveSecrets,
  secretValues,
  type Inventory,
  type MissingSecret,
  type ResolvedHost,
  type SecretsResolution,
} from '../engine/inventory';
import { existingAppKey } from '../engine/keys/app-key';
import { sshTargetFor } from '../engine/setup';
import { AuthenticationError, KnownHostsStore } from '../engine/ssh';
import type { ConnectOptions, SshTarget } from '../engine/ssh/types';
import { terminalSafe } from '../engine/text/terminal-safe';
import { settleHostKeys } from './host-keys';
import { promptSecret } from './prompt';

/** What `ssh` exits with when it could not run the command: the same for swarmlab. */
export const NOT_RUN_EXIT = 255;

export interface HostAccess {
  inventory: Inventory;
  host: ResolvedHost;
  /** Options for every connection to it: strict host keys, swarmlab's known_hosts. */
  connect: ConnectOptions;
  /** How to log in now: the app key first, then the secrets the inventory gives or were typed. */
  target(): SshTarget;
  /** Every secret known now (given or typed), for a redactor. */
  secrets(): string[];
  /** Logs in with `attempt`, asking for a login password the app key could not replace. */
  withLogin<T>(attempt: (target: SshTarget) => Promise<T>): Promise<T>;
}

/** The host named `name`: its id (hostname), its address, or address:port. */
export function findHost(
  inventory: Inventory,
  name: string,
): { host: ResolvedHost } | { error: string } {
  const hosts = resolveHosts(inventory);
  const byId = hosts.find((host) => host.id === name);
  if (byId) return { host: byId };
  const matching = hosts.filter(
    (host) => host.address === name || `${host.address}:${host.port}` === name,
  );
  const [only] = matching;
  if (only && matching.length === 1) return { host: only };
  const known = hosts.map((host) => `${host.id} (${host.address}:${host.port})`).join(', ');
  return matching.length > 1
    ? { error: `${name} is the address of ${matching.length} hosts: name one as address:port` }
    : { error: `${name} is not a host of this inventory; its hosts: ${known}` };
}

/** The secrets `host` needs for this login: its own and its jump host's. */
function secretsOf(missing: readonly MissingSecret[], host: ResolvedHost): MissingSecret[] {
  return missing.filter(
    (entry) => entry.targets.includes(host.id) || entry.targets.includes(JUMP_HOST_TARGET),
  );
}

/**
 * Gets `host` ready to log in to: asks for the secrets it cannot do without and settles its
 * host key (a new key asked about unless `yes`, a changed one refused). Undefined, with the
 * reason said, when the key is not trusted.
 */
export async function accessHost(
  inventory: Inventory,
  host: ResolvedHost,
  options: { yes: boolean; sudo: boolean; env?: NodeJS.ProcessEnv },
): Promise<HostAccess | undefined> {
  const env = options.env ?? process.env;
  const keyPair = await existingAppKey(env);
  const answers: Record<string, string> = {};
  const ask = async (entries: readonly MissingSecret[]) => {
    for (const entry of entries) answers[entry.key] = await promptSecret(entry.prompt);
  };
  const resolve = (): SecretsResolution => resolveSecrets(inventory, env, answers);
  const stillMissing = () => secretsOf(resolve().missing, host);
  const needed = (entries: MissingSecret[]) =>
    options.sudo ? entries : entries.filter((entry) => !onlySudo(entry));
  // The app key, once a run has put it on the host, stands in for its login password.
  await ask(needed(keyPair ? neededDespiteAppKey(stillMissing()) : stillMissing()));

  const trusted = await settleHostKeys(inventory, resolve(), {
    yes: options.yes,
    env,
    hostIndexes: [host.index],
  });
  if (!trusted) return undefined;
  const connect: ConnectOptions = {
    hostKeyPolicy: 'strict',
    knownHosts: new KnownHostsStore(knownHostsPath(env)),
    env,
  };
  const target = () => sshTargetFor(host, inventory, resolve(), keyPair);
  return {
    inventory,
    host,
    connect,
    target,
    secrets: () => secretValues(resolve()),
    withLogin: (attempt) =>
      loginWith(attempt, target, { deferred: () => needed(stillMissing()), ask }),
  };
}

function onlySudo(entry: MissingSecret): boolean {
  return entry.kinds.every((kind) => kind === 'sudoPassword');
}

/** Tries the login; when it is refused and a password was left unasked, asks and tries again. */
async function loginWith<T>(
  attempt: (target: SshTarget) => Promise<T>,
  target: () => SshTarget,
  secrets: { deferred: () => MissingSecret[]; ask: (entries: MissingSecret[]) => Promise<void> },
): Promise<T> {
  try {
    return await attempt(target());
  } catch (error) {
    const deferred = secrets.deferred();
    if (!(error instanceof AuthenticationError) || deferred.length === 0) throw error;
    process.stderr.write(`${terminalSafe(error.message)}\n`);
    await secrets.ask(deferred);
    return attempt(target());
  }
}
