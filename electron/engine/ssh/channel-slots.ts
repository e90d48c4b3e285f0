/**
 * How many channels one SSH connection has open at once. OpenSSH's sshd refuses a session
 * channel (exec, shell, sftp) beyond `MaxSessions` — 10 unless its sshd_config says otherwise —
 * with "open failed"; a run that fans many hosts' work in on one manager would hit that.
 * Channels beyond the limit wait here, in order, for one to close.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { SshError } from './errors';

/** OpenSSH's default MaxSessions. */
export const DEFAULT_MAX_CHANNELS = 10;

/**
 * sshd frees a closed session's place only at the end of its loop, so a channel opened right
 * after another closed can be refused although the count was within the limit. A closed
 * channel is taken to count against the server's limit this long after its close.
 */
const RECENTLY_CLOSED_MS = 1_000;
/** How long a closed channel's place stays taken before another channel gets it. */
const REUSE_PAUSE_MS = 10;

/** Pauses before opening a refused channel again; their count bounds the attempts. */
export const DEFAULT_CHANNEL_RETRY_DELAYS_MS: readonly number[] = [50, 100, 250, 500, 1_000, 2_000];

export interface ChannelRetry {
  /** Pauses before each further attempt after a refusal; their count bounds the attempts. */
  readonly delaysMs?: readonly number[];
}

/** The server kept refusing to open a channel: names the host, the limit and the fix. */
export class ChannelLimitError extends SshError {
  constructor(
    host: string,
    readonly attempts: number,
    readonly openWhenRefused: number,
    readonly limit: number,
    reason: string,
  ) {
    super(
      host,
      `${host} refused to open a channel ${attempts} times (${reason}), the last time with ` +
        `${openWhenRefused} other channel${openWhenRefused === 1 ? '' : 's'} of this connection ` +
        `open; swarmlab keeps at most ${limit} open per connection. sshd refuses channels beyond ` +
        `its MaxSessions (default ${DEFAULT_MAX_CHANNELS}): raise MaxSessions in ` +
        `/etc/ssh/sshd_config on that host (or the limit of whatever sits in between), then run again.`,
    );
  }
}

/** Checks a configured channel limit, naming the option and what it may be. */
export function assertChannelLimit(limit: number = DEFAULT_MAX_CHANNELS): void {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(
      `maxChannelsPerConnection must be a whole number of at least 1 (sshd's MaxSessions, 10 by default), got ${limit}`,
    );
  }
}

/** ssh2's error for a CHANNEL_OPEN_FAILURE (or a channel the server closed while opening). */
export function isChannelOpenRefusal(error: unknown): error is Error {
  return error instanceof Error && error.message.startsWith('(SSH) Channel open failure');
}

/** A place for one channel on a connection. */
export interface ChannelSlot {
  /** The channel has closed: its place is free (calling it again does nothing). */
  release(): void;
}

interface HeldSlot extends ChannelSlot {
  /**
   * Its request is about to leave. Returns what a refusal of it would prove about the server's
   * limit: the server had no more open than the requests that left before it, plus channels
   * that closed just before (sshd may still hold their places).
   */
  sending(): number;
  /** The channel was never opened (refused or failed): free the place, remember nothing. */
  abandon(): void;
}

/** A counting semaphore of open channels, whose limit a refusal can lower. */
export class ChannelSlots {
  private inUse = 0;
  /** Of those, the ones whose request has left (opening or open). */
  private sent = 0;
  private currentLimit: number;
  private readonly waiters: Array<() => void> = [];
  /** When the latest channels closed (as many as the limit): see `sending`. */
  private readonly closedAt: number[] = [];

  constructor(limit: number = DEFAULT_MAX_CHANNELS) {
    assertChannelLimit(limit);
    this.currentLimit = limit;
  }

  get limit(): number {
    return this.currentLimit;
  }

  /** Channels open (or opening) now. */
  get open(): number {
    return this.inUse;
  }

  /** Waits for a free place, first come first served; rejects when `cancelled` aborts first. */
  acquire(cancelled?: AbortSignal): Promise<HeldSlot> {
    if (cancelled?.aborted) return Promise.reject(abortReason(cancelled));
    if (this.inUse < this.currentLimit && this.waiters.length === 0) {
      this.inUse += 1;
      return Promise.resolve(this.heldSlot());
    }
    return new Promise<HeldSlot>((resolve, reject) => {
      const grant = (): void => {
        cancelled?.removeEventListener('abort', onAbort);
        this.inUse += 1;
        resolve(this.heldSlot());
      };
      const onAbort = (): void => {
        const index = this.waiters.indexOf(grant);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(abortReason(cancelled));
      };
      cancelled?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(grant);
    });
  }

  /** The server refused a channel: it takes no more than `bound` at once (at least one). */
  lowerLimitTo(bound: number): void {
    this.currentLimit = Math.max(1, Math.min(this.currentLimit, bound));
  }

  private heldSlot(): HeldSlot {
    let held = true;
    let sent = false;
    const sending = (): number => {
      const since = Date.now() - RECENTLY_CLOSED_MS;
      const bound = this.sent + this.closedAt.filter((at) => at >= since).length;
      if (!sent) this.sent += 1;
      sent = true;
      return bound;
    };
    const free = (): void => {
      this.inUse -= 1;
      if (sent) this.sent -= 1;
      this.grantWaiting();
    };
    const release = (): void => {
      if (!held) return;
      held = false;
      this.closedAt.push(Date.now());
      if (this.closedAt.length > this.currentLimit) this.closedAt.shift();
      // Our close and the next request would otherwise leave together, and sshd reads both
      // before it frees the place: a pause this short spares most of those refusals.
      setTimeout(free, REUSE_PAUSE_MS).unref();
    };
    const abandon = (): void => {
      if (!held) return;
      held = false;
      free();
    };
    return { sending, release, abandon };
  }

  private grantWaiting(): void {
    while (this.inUse < this.currentLimit) {
      const next = this.waiters.shift();
      if (!next) return;
      next();
    }
  }
}

/**
 * Opens one channel within the connection's places: waits for one, opens, and on a refusal
 * lowers the limit to what the refusal proves, pauses, and tries again, a bounded number of
 * times. `open` must release the slot it is given when the channel it opened closes (bound in
 * ssh2's callback: a channel can close before a promise continuation runs).
 */
export async function openWithinSlots<T>(
  slots: ChannelSlots,
  hostLabel: string,
  open: (slot: ChannelSlot) => Promise<T>,
  options: { retry?: ChannelRetry; cancelled?: AbortSignal } = {},
): Promise<T> {
  const delays = options.retry?.delaysMs ?? DEFAULT_CHANNEL_RETRY_DELAYS_MS;
  for (let attempt = 1; ; attempt += 1) {
    const slot = await slots.acquire(options.cancelled);
    const othersOpen = slots.open - 1;
    // `open` sends its request at once: the order of `sending` calls is the order on the wire.
    const bound = slot.sending();
    try {
      return await open(slot);
    } catch (error) {
      slot.abandon();
      if (!isChannelOpenRefusal(error) || options.cancelled?.aborted) throw error;
      slots.lowerLimitTo(bound);
      const pause = delays[attempt - 1];
      if (pause === undefined) {
        throw new ChannelLimitError(hostLabel, attempt, othersOpen, slots.limit, error.message);
      }
      await sleep(pause, undefined, options.cancelled ? { signal: options.cancelled } : {});
    }
  }
}

function abortReason(signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? new Error('cancelled');
}
