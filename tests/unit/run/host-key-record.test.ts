import { describe, expect, it } from 'vitest';
import { HostKeyRecord } from '../../../electron/engine/run/host-key-record';
import type { RunEventInput } from '../../../electron/shared/run-events';

const seen = (hostId: string, host: string, fingerprint: string, status: 'known' | 'trusted-new') =>
  ({
    type: 'host-key',
    hostId,
    host,
    port: 22,
    keyType: 'ssh-ed25519',
    fingerprint,
    status,
  }) as const;

describe('HostKeyRecord', () => {
  it('keeps keys seen before the run began, records each once, and marks first contacts', () => {
    const record = new HostKeyRecord([{ host: '10.0.0.2', port: 22, fingerprint: 'SHA256:b' }]);
    const events: RunEventInput[] = [];
    record.note(seen('node01', '10.0.0.1', 'SHA256:a', 'known'));
    record.note(seen('node01', '10.0.0.1', 'SHA256:a', 'known'));
    expect(events).toEqual([]);
    record.startRecording((event) => events.push(event));
    record.note(seen('node02', '10.0.0.2', 'SHA256:b', 'known'));
    record.note(seen('node03', '10.0.0.3', 'SHA256:c', 'trusted-new'));
    // A reconnect says the same key again.
    record.note(seen('node02', '10.0.0.2', 'SHA256:b', 'known'));
    expect(
      events.map((event) => event.type === 'host-key' && [event.host, event.firstContact]),
    ).toEqual([
      ['node01', false],
      ['node02', true],
      ['node03', true],
    ]);
  });
});
