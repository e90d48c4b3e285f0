/**
 * What the hosts of a run ask the first manager about the swarm — its own state, a join token
 * per role, which nodes it lists and with which labels — asked once and shared by all of them,
 * instead of once per joining host: with 11 hosts joining at once that was 11 of each at the
 * same moment on the manager's one connection. The node list is read again only after a join
 * or a label change, and changes close together share one new read.
 */
import { localized } from '../../shared/messages';
import type { Inventory } from '../inventory/schema';
import type { RemoteHost, StepContext } from '../remote/remote-host';
import { StepFailure } from '../remote/step-failure';
import { shellQuote } from '../shell/quote';
import { readSwarmInfo, type SwarmInfo } from './swarm-info';
import { SharedRead } from './shared-read';
import { purpose } from '../remote/purpose';

export type JoinRole = 'manager' | 'worker';

/** A node as the manager lists it. */
export interface SwarmMember {
  id: string;
  /** The hostname the node reported when it joined. */
  name: string;
  /** The address the manager reaches it at. */
  address: string;
  /** `ready`, `down`, …, as the manager sees it. */
  state: string;
  /** `active`, `pause` or `drain`. */
  availability: string;
  labels: Record<string, string>;
  /** Its place among the managers; null for a worker. */
  manager: { leader: boolean; reachable: boolean } | null;
}

/** One JSON object per node: its ID, its labels and its manager status (null when none). */
const MEMBER_FORMAT =
  '{"id":{{json .ID}},"name":{{json .Description.Hostname}},"address":{{json .Status.Addr}},"state":{{json .Status.State}},"availability":{{json .Spec.Availability}},"labels":{{json .Spec.Labels}},"manager":{{json .ManagerStatus}}}';

/** Every node the manager knows, one JSON line each. Pure, golden-tested. */
export const LIST_MEMBERS_COMMAND = `docker node ls -q | xargs docker node inspect --format ${shellQuote(MEMBER_FORMAT)}`;

/** Reads the lines of LIST_MEMBERS_COMMAND; a line that is not a node is an error, not a gap. */
export function parseMembers(output: string): Map<string, SwarmMember> {
  const members = new Map<string, SwarmMember>();
  for (const line of output.split('\n')) {
    if (line.trim() === '') continue;
    const parsed = JSON.parse(line) as {
      id?: unknown;
      name?: unknown;
      address?: unknown;
      state?: unknown;
      availability?: unknown;
      labels?: unknown;
      manager?: unknown;
    };
    if (typeof parsed.id !== 'string' || parsed.id === '') {
      throw new StepFailure(
        localized('failures.swarm.nodeWithoutId', { line: line.slice(0, 120) }),
      );
    }
    const labels =
      parsed.labels && typeof parsed.labels === 'object'
        ? Object.fromEntries(
            Object.entries(parsed.labels).map(([key, value]) => [key, String(value)]),
          )
        : {};
    members.set(parsed.id, {
      id: parsed.id,
      name: typeof parsed.name === 'string' && parsed.name !== '' ? parsed.name : parsed.id,
      address: typeof parsed.address === 'string' ? parsed.address : '',
      state: typeof parsed.state === 'string' ? parsed.state : '',
      availability: typeof parsed.availability === 'string' ? parsed.availability : '',
      labels,
      manager: managerStatusOf(parsed.manager),
    });
  }
  return members;
}

/** Docker's ManagerStatus ({Leader, Reachability, Addr}) as far as quorum needs it. */
function managerStatusOf(status: unknown): SwarmMember['manager'] {
  if (!status || typeof status !== 'object') return null;
  const { Leader, Reachability } = status as { Leader?: unknown; Reachability?: unknown };
  return { leader: Leader === true, reachable: Reachability === 'reachable' };
}

export class ManagerView {
  private info: Promise<SwarmInfo> | undefined;
  private readonly tokens = new Map<JoinRole, Promise<string>>();
  private readonly facts = new Map<string, Promise<unknown>>();
  private readonly members = new SharedRead<ReadonlyMap<string, SwarmMember>>();
  private membershipChange: Promise<unknown> = Promise.resolve();

  /**
   * The manager's swarm state. Read once: joins do not change it, and every step that asks
   * runs after swarm-init.
   */
  swarmInfo(manager: RemoteHost): Promise<SwarmInfo> {
    this.info ??= forgetOnFailure(readSwarmInfo(manager), () => (this.info = undefined));
    return this.info;
  }

  /** The join token for a role, fetched once; it is a secret from the moment it is read. */
  joinToken(
    manager: RemoteHost,
    role: JoinRole,
    addSecret: (secret: string) => void,
  ): Promise<string> {
    let token = this.tokens.get(role);
    if (!token) {
      token = forgetOnFailure(fetchJoinToken(manager, role, addSecret), () =>
        this.tokens.delete(role),
      );
      this.tokens.set(role, token);
    }
    return token.then((value) => {
      addSecret(value);
      return value;
    });
  }

  /** The nodes the manager lists, by ID: read once, and again after a change. */
  nodes(manager: RemoteHost): Promise<ReadonlyMap<string, SwarmMember>> {
    return this.members.get(async () => {
      const listed = await manager.exec(LIST_MEMBERS_COMMAND, {
        sudo: true,
        quiet: true,
        purpose: purpose('swarmMembers'),
      });
      return parseMembers(listed.stdout);
    });
  }

  /** The node list read now, for a caller that has just changed it or waits for it to change. */
  freshNodes(manager: RemoteHost): Promise<ReadonlyMap<string, SwarmMember>> {
    this.nodesChanged();
    return this.nodes(manager);
  }

  /** A node joined or its labels changed: the next `nodes` reads the list again. */
  nodesChanged(): void {
    this.members.stale();
  }

  /**
   * Runs one change of the managers' membership (a promotion, a demotion) after the ones before
   * it have finished: each decides on the list the previous one left, so two demotions at once
   * cannot both count the same managers towards quorum.
   */
  oneMembershipChangeAtATime<T>(change: () => Promise<T>): Promise<T> {
    const next = this.membershipChange.then(change, change);
    this.membershipChange = next.catch(() => undefined);
    return next;
  }

  /**
   * Anything else every host asks the manager that holds for the rest of the run once read
   * (its root public key, say), read for the first caller and shared with the others.
   */
  once<T>(key: string, read: () => Promise<T>): Promise<T> {
    let answer = this.facts.get(key) as Promise<T> | undefined;
    if (!answer) {
      answer = forgetOnFailure(read(), () => this.facts.delete(key));
      this.facts.set(key, answer);
    }
    return answer;
  }
}

const VIEW_KEY = 'swarm:manager-view';

/** The run's view of its first manager, made on first use (one per run: `shared` is per run). */
export function managerView(ctx: Pick<StepContext<Inventory>, 'shared'>): ManagerView {
  const existing = ctx.shared.get(VIEW_KEY);
  if (existing instanceof ManagerView) return existing;
  const view = new ManagerView();
  ctx.shared.set(VIEW_KEY, view);
  return view;
}

async function fetchJoinToken(
  manager: RemoteHost,
  role: JoinRole,
  addSecret: (secret: string) => void,
): Promise<string> {
  const result = await manager.exec(`docker swarm join-token -q ${role}`, {
    sudo: true,
    quiet: true,
  });
  const token = result.stdout.trim();
  if (!token.startsWith('SWMTKN-')) {
    throw new StepFailure(localized('failures.swarm.noJoinToken'));
  }
  addSecret(token);
  return token;
}

/** A failed read is not remembered: the next caller asks again. */
function forgetOnFailure<T>(read: Promise<T>, forget: () => void): Promise<T> {
  read.catch(forget);
  return read;
}
