/**
 * Host keys as the person decides on them: a key the app was shown (by a connection test, or
 * by the check before the preflight) is trusted only on a click, and a changed key only by the
 * deliberate "forget the old key and trust the new one". Nothing is sent to a host before.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { InventoryDocument } from '../../../electron/contract/common';
import type { HostKey, HostKeyCheck } from '../../../electron/contract/connection';
import { api, errorText } from '../api';
import { useInventoryStore } from './inventory';

/** A host of the table whose key awaits a decision. */
export interface UndecidedKey {
  rowKey: string;
  key: HostKey;
}

export const useHostKeysStore = defineStore('hostKeys', () => {
  const inventory = useInventoryStore();
  /** Why the last trust did not happen, for the person to read. */
  const trustError = ref('');

  /** New keys the connection tests came back with (changed ones need one decision each). */
  const newKeys = computed<UndecidedKey[]>(() =>
    Object.entries(inventory.tests).flatMap(([rowKey, test]) =>
      test.state === 'done' &&
      !test.result.ok &&
      test.result.code === 'host-key-unknown' &&
      test.result.hostKey
        ? [{ rowKey, key: test.result.hostKey }]
        : [],
    ),
  );

  async function trust(key: HostKey, replaceKnown: boolean): Promise<boolean> {
    trustError.value = '';
    try {
      const result = await api().connection.trustHostKey({
        host: key.host,
        port: key.port,
        fingerprint: key.fingerprint,
        replaceKnown,
      });
      if (!result.trusted) trustError.value = result.message;
      return result.trusted;
    } catch (error) {
      trustError.value = errorText(error);
      return false;
    }
  }

  /** Trusts the key a row's test was shown, then tests the row again (now logging in). */
  async function trustAndTest(rowKey: string, key: HostKey, replaceKnown = false): Promise<void> {
    if (await trust(key, replaceKnown)) await inventory.testConnection(rowKey);
  }

  /** Tests a row again (after its key was forgotten: the key comes back to decide on). */
  async function retest(rowKey: string): Promise<void> {
    await inventory.testConnection(rowKey);
  }

  async function trustAllNew(): Promise<void> {
    await Promise.all(newKeys.value.map(({ rowKey, key }) => trustAndTest(rowKey, key)));
  }

  /** Every host's key read without logging in; the ones not trusted yet. */
  async function undecided(document: InventoryDocument): Promise<HostKeyCheck[]> {
    const checks = await api().connection.checkHostKeys({ inventory: document });
    return checks.filter((check) => check.ok && check.key.status !== 'known');
  }

  return { trustError, newKeys, trust, trustAndTest, retest, trustAllNew, undecided };
});
