import { z } from 'zod';
import type { Localized } from '../shared/localized';
import { inventoryDocumentSchema, type DialogOutcome } from './common';

/** Test the login to one host of the wizard's inventory (by its index in `hosts`). */
export const testConnectionRequestSchema = z.object({
  inventory: inventoryDocumentSchema,
  hostIndex: z.number().int().min(0),
});
export type TestConnectionRequest = z.infer<typeof testConnectionRequestSchema>;

export const hostKeySchema = z.object({
  host: z.string(),
  port: z.number(),
  keyType: z.string(),
  fingerprint: z.string(),
  /**
   * `known`: matched the key on file; `trusted-new`: first seen and trusted now; `unknown`: not
   * on file and not trusted (nothing was sent to the host); `changed`: differs from the key on
   * file (nothing was sent either).
   */
  status: z.enum(['known', 'trusted-new', 'unknown', 'changed']),
  /** The fingerprints on file, when the key changed. */
  knownFingerprints: z.array(z.string()).optional(),
});
export type HostKey = z.infer<typeof hostKeySchema>;

export type ConnectionTestResult =
  | {
      ok: true;
      /** Jump host first, then the host itself. */
      hostKeys: HostKey[];
      /** How root is reached: logged in as root, sudo that worked, or why sudo failed. */
      privilege: { mode: 'root' | 'sudo' } | { mode: 'sudo-failed'; message: string };
      durationMs: number;
    }
  | {
      ok: false;
      /** A stable code the UI can explain: auth, host-key-changed, unreachable, invalid… */
      code:
        | 'invalid-inventory'
        | 'missing-secret'
        | 'auth'
        | 'host-key-unknown'
        | 'host-key-changed'
        | 'unreachable'
        | 'error';
      message: string;
      /** What usually causes this and what to do, in every language, for the common failures. */
      plain?: { cause: Localized; fix: Localized };
      /** The key to decide on, for host-key-unknown and host-key-changed. */
      hostKey?: HostKey;
    };

/** Read the host keys of some of the wizard's hosts (all when `hostIndexes` is absent). */
export const checkHostKeysRequestSchema = z.object({
  inventory: inventoryDocumentSchema,
  hostIndexes: z.array(z.number().int().min(0)).max(1000).optional(),
});
export type CheckHostKeysRequest = z.infer<typeof checkHostKeysRequestSchema>;

/** One host's key as it answered (the first untrusted jump host's, when it is behind one). */
export type HostKeyCheck =
  | { hostIndex: number; hostId: string; ok: true; key: HostKey }
  | { hostIndex: number; hostId: string; ok: false; message: string };

/**
 * Trust a key the app was shown (by a test or a check) for host:port. `replaceKnown` is the
 * deliberate "forget the old key and trust this one" for a key that changed.
 */
export const trustHostKeyRequestSchema = z.object({
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  fingerprint: z
    .string()
    .regex(
      /^SHA256:[A-Za-z0-9+/]{43}$/,
      'is not an SSH SHA256 fingerprint (SHA256: and 43 characters)',
    ),
  replaceKnown: z.boolean(),
});
export type TrustHostKeyRequest = z.infer<typeof trustHostKeyRequestSchema>;

export type TrustHostKeyResult = { trusted: true } | { trusted: false; message: string };

export const forgetHostKeyRequestSchema = z.object({
  address: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535),
});
export type ForgetHostKeyRequest = z.infer<typeof forgetHostKeyRequestSchema>;

export type PickedKeyFile = DialogOutcome<{ path: string }>;
