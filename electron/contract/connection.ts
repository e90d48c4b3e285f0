import { z } from 'zod';
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
  /** `trusted-new`: first time seen, now remembered; `known`: matched the key on file. */
  status: z.enum(['known', 'trusted-new']),
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
        | 'host-key-changed'
        | 'unreachable'
        | 'error';
      message: string;
    };

export const forgetHostKeyRequestSchema = z.object({
  address: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535),
});
export type ForgetHostKeyRequest = z.infer<typeof forgetHostKeyRequestSchema>;

export type PickedKeyFile = DialogOutcome<{ path: string }>;
