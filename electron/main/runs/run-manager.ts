/**
 * The app's runs. A run session is one journal on disk: the first run, and every retry or
 * "continue without host X" that resumes it. The UI follows a session by its id; each event
 * is stored (for late readers and the report) and sent to whoever started the session.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { resolveHosts, resolveSecrets, validateInventory } from '../../engine/inventory';
import type { Inventory, InventoryInput, SecretsResolution } from '../../engine/inventory';
import { parseInventory, saveInventory } from '../../engine/inventory/yaml';
import { readJournal } from '../../engine/run/journal';
import { RUN_INVENTORY_FILE, runFolder, runsDir } from './run-history';
import type { RunEvent, RunFinishedEvent } from '../../shared/run-events';
import type { OperationRunRequest, SetupRequest } from '../../engine/setup';
import type { SwarmOperation } from '../../shared/operations';
import { SETUP_STEPS } from '../../engine/steps';
import type { RunMode } from '../../contract/run';

/** The steps of a preflight-only run: they read the hosts and change nothing. */
export const PREFLIGHT_STEP_IDS: readonly string[] = ['preflight', 'preflight-cluster'];

export type RunSetup = (request: SetupRequest) => Promise<RunFinishedEvent>;
export type RunOperation = (request: OperationRunRequest) => Promise<RunFinishedEvent>;

export interface RunManagerOptions {
  runSetup: RunSetup;
  /** Runs a remove or a reset (the engine's runSwarmOperation). */
  runOperation: RunOperation;
  env: NodeJS.ProcessEnv;
}

/** Where a session's events go: the window that started it. */
export type RunEventSink = (runId: string, event: RunEvent) => void;

interface RunSession {
  id: string;
  mode: RunMode;
  /** A remove or reset instead of the setup steps. */
  operation?: SwarmOperation;
  inventory: Inventory;
  secrets: SecretsResolution;
  journalPath: string;
  events: RunEvent[];
  /** Hosts the person chose to leave behind after they failed. */
  excludedHosts: Set<string>;
  active: { controller: AbortController; done: Promise<void> } | undefined;
}

export class RunManager {
  private readonly sessions = new Map<string, RunSession>();

  constructor(private readonly options: RunManagerOptions) {}

  start(
    inventory: Inventory,
    secrets: SecretsResolution,
    mode: RunMode,
    sink: RunEventSink,
  ): string {
    return this.open({ mode, inventory, secrets }, mode, sink);
  }

  /** Starts a remove or a reset; it is followed, retried and reported like a setup. */
  startOperation(
    inventory: Inventory,
    secrets: SecretsResolution,
    operation: SwarmOperation,
    sink: RunEventSink,
  ): string {
    return this.open({ mode: 'setup', operation, inventory, secrets }, operation.kind, sink);
  }

  private open(
    work: Pick<RunSession, 'mode' | 'operation' | 'inventory' | 'secrets'>,
    folderName: string,
    sink: RunEventSink,
  ): string {
    const id = randomUUID();
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const session: RunSession = {
      id,
      ...work,
      journalPath: join(
        runsDir(this.options.env),
        `${stamp}-${folderName}-${id.slice(0, 8)}`,
        'journal.jsonl',
      ),
      events: [],
      excludedHosts: new Set(),
      active: undefined,
    };
    this.sessions.set(id, session);
    // A run that changes hosts keeps its inventory (no secrets), to be resumed from the history.
    if (work.mode !== 'preflight') void keepInventory(session);
    this.launch(session, sink, false);
    return id;
  }

  /**
   * A run from the history, as a session: its events for the run and report pages, idle until
   * it is resumed. Its inventory is the one it kept, or its hosts as the journal names them.
   */
  async openFromHistory(folder: string): Promise<{ runId: string; events: RunEvent[] }> {
    const dir = runFolder(this.options.env, folder);
    const events = await readJournal(join(dir, 'journal.jsonl'));
    const started = events.find((event) => event.type === 'run-started');
    if (!started) throw new Error(`${folder} holds no run`);
    const inventory = await keptInventory(dir, started.hosts);
    const id = randomUUID();
    this.sessions.set(id, {
      id,
      mode: 'setup',
      inventory,
      secrets: resolveSecrets(inventory, this.options.env),
      journalPath: join(dir, 'journal.jsonl'),
      events,
      excludedHosts: new Set(),
      active: undefined,
    });
    return { runId: id, events };
  }

  /**
   * Goes on with a setup from the history, from its journal (finished steps are kept), with the
   * wizard's inventory: it must list the run's hosts, and it brings the passwords.
   */
  resumeFromHistory(
    runId: string,
    inventory: Inventory,
    secrets: SecretsResolution,
    sink: RunEventSink,
  ): void {
    const session = this.idleSession(runId);
    const started = session.events.findLast((event) => event.type === 'run-started');
    if ((started?.operation ?? 'setup') !== 'setup') {
      throw new Error('only a setup can be resumed; start a remove or a reset again instead');
    }
    const listed = new Set(resolveHosts(inventory).map((host) => host.id));
    const missing = (started?.hosts ?? []).filter((host) => !listed.has(host.id));
    if (missing.length > 0) {
      throw new Error(
        `the wizard's inventory does not list ${missing.map((host) => host.id).join(', ')} of this run: load the run's inventory from the history and enter the passwords first`,
      );
    }
    session.inventory = inventory;
    session.secrets = secrets;
    this.launch(session, sink, true);
  }

  /** Stops a running session: running commands finish, nothing new starts. */
  cancel(runId: string): boolean {
    const session = this.session(runId);
    if (!session.active) return false;
    session.active.controller.abort();
    return true;
  }

  /** Runs a failed step again: the session resumes from its journal, finished steps are kept. */
  retryStep(runId: string, host: string, step: string, sink: RunEventSink): void {
    const session = this.idleSession(runId);
    const outcome = latestOutcome(session.events, host, step);
    if (outcome !== 'failed') {
      throw new Error(
        `cannot retry ${step} on ${host}: it ${outcome === undefined ? 'did not run' : `finished as ${outcome}`}`,
      );
    }
    this.launch(session, sink, true);
  }

  /** Leaves failed hosts behind and resumes the session with the others, in one relaunch. */
  continuePastHosts(runId: string, hosts: readonly string[], sink: RunEventSink): void {
    const session = this.idleSession(runId);
    if (session.operation) {
      throw new Error(
        `a ${session.operation.kind} cannot go on without a host: retry the failed step, or start it again for fewer hosts`,
      );
    }
    const hostIds = resolveHosts(session.inventory).map((resolved) => resolved.id);
    const unknown = hosts.filter((host) => !hostIds.includes(host));
    if (unknown.length > 0)
      throw new Error(`host ${unknown.join(', ')} is not part of run ${runId}`);
    const leaving = new Set([...session.excludedHosts, ...hosts]);
    if (hostIds.every((id) => leaving.has(id)))
      throw new Error(`no host would be left after leaving out ${hosts.join(', ')}`);
    for (const host of hosts) session.excludedHosts.add(host);
    this.launch(session, sink, true);
  }

  events(runId: string): RunEvent[] {
    return [...this.session(runId).events];
  }

  /** The folder a run keeps its journal in (and its terminals' transcripts). */
  folderOf(runId: string): string {
    return dirname(this.session(runId).journalPath);
  }

  /**
   * The run terminals opened now belong to: the one going on, else the last one started in
   * this window's life. A preflight keeps no folder and counts for neither.
   */
  currentRun(): { folder: string; secrets: SecretsResolution } | undefined {
    const sessions = [...this.sessions.values()].filter((session) => session.mode !== 'preflight');
    const current = sessions.findLast((session) => session.active) ?? sessions.at(-1);
    return current ? { folder: dirname(current.journalPath), secrets: current.secrets } : undefined;
  }

  /** Resolves once the session's current run (if any) has finished. */
  async settled(runId: string): Promise<void> {
    await this.session(runId).active?.done;
  }

  /** Cancels every run and waits for them, for app shutdown and tests. */
  async shutdown(): Promise<void> {
    const active = [...this.sessions.values()].flatMap((session) =>
      session.active ? [session.active] : [],
    );
    for (const run of active) run.controller.abort();
    await Promise.allSettled(active.map((run) => run.done));
  }

  private session(runId: string): RunSession {
    const session = this.sessions.get(runId);
    if (!session) throw new Error(`no run with id ${runId}`);
    return session;
  }

  private idleSession(runId: string): RunSession {
    const session = this.session(runId);
    if (session.active)
      throw new Error(`run ${runId} is still going: wait for it or cancel it first`);
    return session;
  }

  private launch(session: RunSession, sink: RunEventSink, resume: boolean): void {
    const controller = new AbortController();
    const inventory = withoutHosts(session.inventory, session.excludedHosts);
    const steps =
      session.mode === 'preflight'
        ? SETUP_STEPS.filter((step) => PREFLIGHT_STEP_IDS.includes(step.id))
        : SETUP_STEPS;
    const resumeFrom = resume ? [...session.events] : undefined;
    const request: Omit<SetupRequest, 'steps'> = {
      inventory,
      secrets: session.secrets,
      journalPath: session.journalPath,
      signal: controller.signal,
      env: this.options.env,
      // The person decided on every host's key before (Access page, or the check before the
      // preflight): a key not trusted then is refused before any credential goes out.
      ssh: { hostKeyPolicy: 'strict' },
      ...(resumeFrom ? { resumeFrom } : {}),
      onEvent: (event) => {
        session.events.push(event);
        sink(session.id, event);
      },
    };
    const { operation } = session;
    const done = (
      operation
        ? this.options.runOperation({ ...request, operation })
        : this.options.runSetup({ ...request, steps })
    )
      .then(
        () => undefined,
        (error: unknown) => {
          // The engine failed before or outside its plan (a key could not be made, the
          // journal could not be written): tell the window as the run's last word.
          const message = error instanceof Error ? error.message : String(error);
          const event: RunEvent = { type: 'log', at: Date.now(), level: 'error', message };
          session.events.push(event);
          sink(session.id, event);
          const finished: RunEvent = {
            type: 'run-finished',
            at: Date.now(),
            runId: session.id,
            status: controller.signal.aborted ? 'cancelled' : 'failed',
            summary: { ok: 0, changed: 0, failed: 0, skipped: 0 },
            durationMs: 0,
            failures: [{ host: '(app)', step: '(start)', message }],
          };
          session.events.push(finished);
          sink(session.id, finished);
        },
      )
      .finally(() => {
        session.active = undefined;
      });
    session.active = { controller, done };
  }
}

/** The inventory without the hosts whose ids are given. */
export function withoutHosts(inventory: Inventory, hostIds: ReadonlySet<string>): Inventory {
  if (hostIds.size === 0) return inventory;
  const ids = resolveHosts(inventory).map((host) => host.id);
  return {
    ...inventory,
    hosts: inventory.hosts.filter((_, index) => !hostIds.has(ids[index] ?? '')),
  };
}

function latestOutcome(
  events: readonly RunEvent[],
  host: string,
  step: string,
): string | undefined {
  let status: string | undefined;
  for (const event of events) {
    if (event.type === 'step-finished' && event.host === host && event.step === step)
      status = event.status;
  }
  return status;
}

/** Writes the run's inventory beside its journal, without secrets. */
async function keepInventory(session: RunSession): Promise<void> {
  const dir = dirname(session.journalPath);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeFile(
      join(dir, RUN_INVENTORY_FILE),
      saveInventory(session.inventory as InventoryInput, {
        header: 'the inventory of this run (passwords left out)',
      }),
      { mode: 0o600 },
    );
  } catch {
    // The run goes on without it: only resuming from the history needs it.
  }
}

/** The inventory a run kept, or one made of its hosts as the journal lists them. */
async function keptInventory(
  dir: string,
  hosts: readonly {
    address: string;
    port: number;
    hostname?: string;
    role: 'manager' | 'worker';
  }[],
): Promise<Inventory> {
  const text = await readFile(join(dir, RUN_INVENTORY_FILE), 'utf8').catch(() => undefined);
  const kept = text === undefined ? undefined : parseInventory(text, RUN_INVENTORY_FILE);
  if (kept?.ok) return kept.inventory;
  const fromJournal = validateInventory({
    hosts: hosts.map((host) => ({
      address: host.address,
      port: host.port,
      role: host.role,
      ...(host.hostname ? { hostname: host.hostname } : {}),
    })),
  });
  if (!fromJournal.ok) throw new Error(`the run's hosts do not make an inventory`);
  return fromJournal.inventory;
}
