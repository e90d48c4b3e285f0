import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChangePreview, SwarmOperation } from '../shared/operations';
import { changesFound } from './change-preview';
import type { Inventory } from './inventory/schema';
import {
  resolveHosts,
  resolveJumpHost,
  type HostSecrets,
  type ResolvedAuth,
  type ResolvedHost,
  type SecretsResolution,
} from './inventory/resolve';
import { secretValues } from './inventory/resolve';
import { ensureAppKeyPair, type AppKeyPair } from './keys/app-key';
import { Redactor } from './redact';
import type { ConnectionProvider } from './run/connection';
import type { PlanHostSummary } from '../shared/plan';
import type { PracticeExercise } from '../shared/practice';
import type { RunEvent, RunFinishedEvent, RunOperation } from '../shared/run-events';
import { HostKeyRecord, type TrustedNow } from './run/host-key-record';
import { runPlan } from './run/runner';
import { HostSession } from './ssh/host-session';
import { SessionPool } from './ssh/session-pool';
import type { ConnectOptions, SshAuth, SshEndpoint, SshTarget } from './ssh/types';
import { SETUP_STEPS } from './steps';
import { CHECK_STEPS } from './steps/check';
import { practiceSteps } from './steps/practice';
import { REMOVAL_STEPS, type Removal } from './steps/removal';
import { resetSteps, type Reset } from './steps/reset';
import type { AnyStep } from './steps/step';

export interface SetupRequest {
  inventory: Inventory;
  /** Secrets of every host, resolved by the caller (inventory, environment or prompts). */
  secrets: SecretsResolution;
  journalPath: string;
  /** Defaults to every setup step; preflight alone, for example, for the wizard's check page. */
  steps?: readonly AnyStep<Inventory>[];
  resumeFrom?: RunEvent[];
  onEvent?: (event: RunEvent) => void;
  signal?: AbortSignal;
  concurrency?: number;
  /** Host key policy, known_hosts and timeouts for every connection. */
  ssh?: ConnectOptions;
  /** Where SWARMLAB_HOME and friends are read from. Defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Keeps one id across a run and its retries (the journal's first run-started says which). */
  runId?: string;
  /** Host keys the caller trusted just before this run: the journal marks them first contacts. */
  trustedNow?: readonly TrustedNow[];
}

/** Runs the setup plan for an inventory: the one entry point of the CLI, the app and the tests. */
export async function runSetup(request: SetupRequest): Promise<RunFinishedEvent> {
  return runOnInventory(request, request.steps ?? SETUP_STEPS, request.inventory, 'setup');
}

export interface RemovalRequest extends Omit<SetupRequest, 'steps'> {
  removal: Removal;
}

/** Takes hosts out of the inventory's running swarm (`swarmlab remove`). */
export async function runRemoval(request: RemovalRequest): Promise<RunFinishedEvent> {
  return runOnInventory(
    request,
    REMOVAL_STEPS,
    { ...request.inventory, removal: request.removal },
    'removal',
  );
}

export interface ResetRequest extends Omit<SetupRequest, 'steps'> {
  reset: Reset;
  /** Go on when taking some hosts out would cost the quorum (as `remove --force`). */
  force: boolean;
}

/** Undoes what swarmlab did on some hosts of the inventory, or on all (`swarmlab reset`). */
export async function runReset(request: ResetRequest): Promise<RunFinishedEvent> {
  const hosts = resolveHosts(request.inventory).map(planHostSummary);
  return runOnInventory(
    request,
    resetSteps(hosts, request.reset),
    {
      ...request.inventory,
      removal: { hostIds: request.reset.hostIds, force: request.force },
      reset: request.reset,
    },
    'reset',
  );
}

export interface PracticeRequest extends Omit<SetupRequest, 'steps'> {
  /** Leave each exercise's services running for the user to explore. */
  keep: boolean;
  /** The exercises to run, in their usual order; all of them by default. */
  only?: readonly PracticeExercise[];
}

/** The tutorial's exercises on the inventory's finished swarm (`swarmlab practice`). */
export async function runPractice(request: PracticeRequest): Promise<RunFinishedEvent> {
  return runOnInventory(
    request,
    practiceSteps(request.only),
    { ...request.inventory, practice: { keep: request.keep } },
    'practice',
  );
}

/** The health of the inventory's finished swarm (`swarmlab check`); changes nothing. */
export async function runCheck(request: Omit<SetupRequest, 'steps'>): Promise<RunFinishedEvent> {
  return runOnInventory(request, CHECK_STEPS, request.inventory, 'check');
}

export interface OperationRunRequest extends Omit<SetupRequest, 'steps'> {
  operation: SwarmOperation;
}

/** A remove or a reset, as the wizard asks for it. */
export async function runSwarmOperation(request: OperationRunRequest): Promise<RunFinishedEvent> {
  const { operation, ...rest } = request;
  if (operation.kind === 'check') return runCheck(rest);
  if (operation.kind === 'practice') {
    return runPractice({ ...rest, keep: operation.keep, only: operation.exercises });
  }
  if (operation.kind === 'remove') {
    return runRemoval({ ...rest, removal: { hostIds: operation.hostIds, force: operation.force } });
  }
  return runReset({
    ...rest,
    reset: { hostIds: operation.hostIds, uninstallDocker: operation.uninstallDocker },
    force: operation.force,
  });
}

/**
 * What an apply would change on which host, from probing every host and changing nothing (a
 * dry run of the setup steps). A host's steps after its first change are not looked at.
 */
export async function previewChanges(
  request: Omit<SetupRequest, 'journalPath' | 'steps' | 'resumeFrom'>,
): Promise<ChangePreview> {
  const folder = await mkdtemp(join(tmpdir(), 'swarmlab-dry-run-'));
  const events: RunEvent[] = [];
  try {
    await runOnInventory(
      {
        ...request,
        journalPath: join(folder, 'journal.jsonl'),
        onEvent: (event) => {
          events.push(event);
          request.onEvent?.(event);
        },
      },
      SETUP_STEPS,
      request.inventory,
      'setup',
      { dryRun: true },
    );
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  return changesFound(events);
}

/** Connects to the inventory's hosts and runs `steps` on them: what every operation shares. */
async function runOnInventory<Options extends Inventory>(
  request: Omit<SetupRequest, 'steps'>,
  steps: readonly AnyStep<Options>[],
  options: Options,
  operation: RunOperation,
  mode: { dryRun?: boolean } = {},
): Promise<RunFinishedEvent> {
  const env = request.env ?? process.env;
  const hosts = resolveHosts(request.inventory);
  const redactor = new Redactor(secretValues(request.secrets));
  const keyPair = request.inventory.prepare.keyExchange ? await ensureAppKeyPair(env) : undefined;
  // The private key never travels, but if it ever showed up in output it must not leak.
  if (keyPair) redactor.addSecret(await readFile(keyPair.privateKeyPath, 'utf8'));
  const targets = new Map(
    hosts.map((host) => [host.id, sshTargetFor(host, request.inventory, request.secrets, keyPair)]),
  );
  const hostKeys = new HostKeyRecord(request.trustedNow);
  const pool = new SessionPool({
    ...request.ssh,
    env,
    onEvent: (event) => {
      request.ssh?.onEvent?.(event);
      if (event.type === 'host-key') hostKeys.note(event);
    },
  });
  const connections: ConnectionProvider = {
    connectionFor: (hostId) => {
      const target = targets.get(hostId);
      if (!target) throw new Error(`unknown host ${hostId}`);
      // A session takes the runner's exec options as they are (the cancel signal included).
      return pool.session(target);
    },
  };
  try {
    return await runPlan({
      hosts: hosts.map(planHostSummary),
      steps,
      options,
      operation,
      ...(mode.dryRun ? { dryRun: true } : {}),
      connections,
      hostKeys,
      secrets: redactor,
      journalPath: request.journalPath,
      resumeFrom: request.resumeFrom,
      onEvent: request.onEvent,
      signal: request.signal,
      concurrency: request.concurrency,
      ...(request.runId ? { runId: request.runId } : {}),
      tools: {
        appPublicKey: keyPair?.publicKey,
        proveKeyLogin: keyPair
          ? async (hostId) => {
              const target = targets.get(hostId);
              if (!target) throw new Error(`unknown host ${hostId}`);
              await proveKeyLogin(target, keyPair, { ...request.ssh, env });
            }
          : undefined,
      },
    });
  } finally {
    await pool.closeAll();
  }
}

export function planHostSummary(host: ResolvedHost): PlanHostSummary {
  return {
    id: host.id,
    address: host.address,
    port: host.port,
    user: host.user,
    role: host.role,
    ...(host.hostname ? { hostname: host.hostname } : {}),
    ...(host.advertiseAddress ? { advertiseAddress: host.advertiseAddress } : {}),
    ...(Object.keys(host.labels).length > 0 ? { labels: host.labels } : {}),
  };
}

/**
 * How to log in to a host: the app's key first once it exists (so a host that got it in an
 * earlier run needs no password), then what the inventory says.
 */
export function sshTargetFor(
  host: ResolvedHost,
  inventory: Inventory,
  allSecrets: SecretsResolution,
  keyPair: AppKeyPair | undefined,
): SshTarget {
  const secrets = allSecrets.hosts.get(host.id) ?? {};
  const auth: SshAuth[] = [];
  if (keyPair) auth.push({ type: 'privateKey', key: { path: keyPair.privateKeyPath } });
  auth.push(...authMethods(host.auth, secrets));
  const jump = resolveJumpHost(inventory);
  const jumpEndpoint: SshEndpoint | undefined = jump
    ? {
        host: jump.address,
        port: jump.port,
        username: jump.user,
        auth: authMethods(jump.auth, allSecrets.jumpHost ?? {}),
      }
    : undefined;
  return {
    id: host.id,
    host: host.address,
    port: host.port,
    username: host.user,
    auth,
    ...(jumpEndpoint ? { jump: jumpEndpoint } : {}),
    ...(secrets.sudoPassword ? { sudoPassword: secrets.sudoPassword } : {}),
  };
}

function authMethods(auth: ResolvedAuth, secrets: HostSecrets): SshAuth[] {
  switch (auth.method) {
    case 'password':
      return secrets.password
        ? [{ type: 'password', password: secrets.password }, { type: 'keyboard-interactive' }]
        : [];
    case 'key':
      return [
        {
          type: 'privateKey',
          key: { path: auth.keyFile },
          ...(secrets.keyPassphrase ? { passphrase: secrets.keyPassphrase } : {}),
        },
      ];
    case 'agent':
      return [{ type: 'agent' }];
  }
}

/** A fresh connection that may use the app's key and nothing else. */
async function proveKeyLogin(
  target: SshTarget,
  keyPair: AppKeyPair,
  options: ConnectOptions,
): Promise<void> {
  const keyOnly = new HostSession(
    { ...target, auth: [{ type: 'privateKey', key: { path: keyPair.privateKeyPath } }] },
    options,
  );
  try {
    const result = await keyOnly.exec('true');
    if (result.exitCode !== 0)
      throw new Error(`key login to ${target.id} ran \`true\` and got ${result.exitCode}`);
  } finally {
    await keyOnly.close();
  }
}
