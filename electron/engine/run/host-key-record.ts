/**
 * The host keys a run's connections accepted, for the journal and the report: each host's key
 * (and its jump hosts') once, so a first contact can be checked afterwards against the host's
 * own fingerprint. Connections made before the run began wait until it has.
 */
import type { SessionEvent } from '../ssh/types';
import { hostKeyId } from '../ssh/known-hosts';
import type { RunEventInput } from '../../shared/run-events';

/** How the record hands an event to the run (run-state.ts's emit). */
type Emit = (input: RunEventInput) => void;

type HostKeySeen = Extract<SessionEvent, { type: 'host-key' }>;

/** A key trusted by this command before its run (the person said yes, or --yes). */
export interface TrustedNow {
  host: string;
  port: number;
  fingerprint: string;
}

export class HostKeyRecord {
  private readonly recorded = new Set<string>();
  private readonly waiting: HostKeySeen[] = [];
  private readonly trustedNow: ReadonlySet<string>;
  private emit: Emit | undefined;

  constructor(trustedNow: readonly TrustedNow[] = []) {
    this.trustedNow = new Set(
      trustedNow.map((key) => hostKeyId(key.host, key.port, key.fingerprint)),
    );
  }

  /** A connection accepted a key (a reconnect says it again: recorded once). */
  note(seen: HostKeySeen): void {
    const id = `${seen.hostId}|${hostKeyId(seen.host, seen.port, seen.fingerprint)}`;
    if (this.recorded.has(id)) return;
    this.recorded.add(id);
    if (this.emit) this.write(this.emit, seen);
    else this.waiting.push(seen);
  }

  /** From now on keys go to the run's events; those seen so far go first. */
  startRecording(emit: Emit): void {
    this.emit = emit;
    for (const seen of this.waiting.splice(0)) this.write(emit, seen);
  }

  private write(emit: Emit, seen: HostKeySeen): void {
    emit({
      type: 'host-key',
      host: seen.hostId,
      address: seen.host,
      port: seen.port,
      keyType: seen.keyType,
      fingerprint: seen.fingerprint,
      firstContact:
        seen.status === 'trusted-new' ||
        this.trustedNow.has(hostKeyId(seen.host, seen.port, seen.fingerprint)),
    });
  }
}
