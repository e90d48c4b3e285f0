/**
 * Passwords in saved profiles are encrypted with the OS keyring through Electron's safeStorage.
 * On Linux without a keyring, safeStorage falls back to `basic_text` (a hard-coded key): that
 * protects nothing, so we refuse instead of pretending.
 */
import { safeStorage } from 'electron';
import type { SecretBox } from '../profiles/profile-store';

export function electronSecretBox(): SecretBox {
  return {
    async status() {
      if (
        !safeStorage.isEncryptionAvailable() ||
        !(await safeStorage.isAsyncEncryptionAvailable())
      ) {
        return {
          available: false,
          reason: 'this system offers no encrypted storage for passwords.',
        };
      }
      if (
        process.platform === 'linux' &&
        safeStorage.getSelectedStorageBackend() === 'basic_text'
      ) {
        return {
          available: false,
          reason:
            'no keyring is running (GNOME Keyring or KWallet), so passwords could only be stored readable by anyone with this file.',
        };
      }
      return { available: true };
    },
    encrypt: (plainText) => safeStorage.encryptStringAsync(plainText),
    decrypt: async (encrypted) => (await safeStorage.decryptStringAsync(encrypted)).result,
  };
}
