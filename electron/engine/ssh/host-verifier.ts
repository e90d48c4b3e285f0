/**
 * ssh2's `hostVerifier` for one hop. It runs during key exchange, before the
 * client sends any authentication, so a refused key means no password, key
 * signature or agent request ever reaches an impostor.
 */
import type { HostVerifier } from 'ssh2';
import type { SshError } from './errors';
import { ConnectError, HostKeyChangedError, HostKeyUnknownError } from './errors';
import { hostKeyFingerprint, keyTypeOfBlob } from './known-hosts';
import type { KnownHostsStore } from './known-hosts-store';
import type { HostKeyPolicy, HostKeyReport } from './types';

export interface HostKeyCheck {
  /** Pass as `hostVerifier` (the two-argument form: raw key blob + callback). */
  readonly verify: HostVerifier;
  /** Why the key was refused, once it was; the connect error becomes this. */
  refusal(): SshError | undefined;
  /** What was decided about the key, once it was accepted. */
  report(): HostKeyReport | undefined;
}

export function createHostKeyCheck(
  host: string,
  port: number,
  policy: HostKeyPolicy,
  store: KnownHostsStore,
  onTrustedNew: (report: HostKeyReport) => void,
): HostKeyCheck {
  let refusal: SshError | undefined;
  let report: HostKeyReport | undefined;

  async function decide(keyBlob: Buffer): Promise<boolean> {
    const fingerprint = hostKeyFingerprint(keyBlob);
    const keyType = keyTypeOfBlob(keyBlob);
    const lookup = await store.lookup(host, port, keyBlob);
    switch (lookup.status) {
      case 'known':
        report = { host, port, keyType, fingerprint, status: 'known' };
        return true;
      case 'changed':
        refusal = new HostKeyChangedError(
          host,
          port,
          lookup.knownFingerprints,
          fingerprint,
          store.path,
          Buffer.from(keyBlob),
        );
        return false;
      case 'unknown':
        if (policy === 'strict') {
          refusal = new HostKeyUnknownError(
            host,
            port,
            fingerprint,
            store.path,
            Buffer.from(keyBlob),
          );
          return false;
        }
        // Record before accepting: if writing fails we refuse rather than trust
        // a key we could not remember.
        await store.add(host, port, keyBlob);
        report = { host, port, keyType, fingerprint, status: 'trusted-new' };
        onTrustedNew(report);
        return true;
    }
  }

  const verify: HostVerifier = (keyBlob, accept) => {
    decide(keyBlob).then(accept, (error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      refusal = new ConnectError(
        `${host}:${port}`,
        `Could not check the host key of ${host}:${port} against ${store.path}: ${reason}`,
        { cause: error },
      );
      accept(false);
    });
  };

  return { verify, refusal: () => refusal, report: () => report };
}
