/**
 * One HostSession per host id for a whole run. Asking twice for the same host,
 * even at the same moment, yields the same session and a single connect.
 */
import type { HostSessionOptions } from './host-session';
import { HostSession } from './host-session';
import type { SshTarget } from './types';

export class SessionPool {
  private readonly sessions = new Map<string, HostSession>();

  constructor(private readonly options: HostSessionOptions = {}) {}

  /**
   * The connected session for this host, connecting if needed. The first target
   * given for an id is the one used; call `remove` first to change credentials.
   */
  async get(target: SshTarget): Promise<HostSession> {
    const session = this.session(target);
    await session.connect();
    return session;
  }

  /** The session for this host without connecting (it connects on first use). */
  session(target: SshTarget): HostSession {
    let session = this.sessions.get(target.id);
    if (!session) {
      session = new HostSession(target, this.options);
      this.sessions.set(target.id, session);
    }
    return session;
  }

  /** The session already made for this id, if any. */
  peek(hostId: string): HostSession | undefined {
    return this.sessions.get(hostId);
  }

  /** Closes and forgets one host's session. */
  async remove(hostId: string): Promise<void> {
    const session = this.sessions.get(hostId);
    this.sessions.delete(hostId);
    await session?.close();
  }

  /** Closes every session (in parallel); the pool can be reused afterwards. */
  async closeAll(): Promise<void> {
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.allSettled(sessions.map((session) => session.close()));
  }
}
