/**
 * The inventory being built: the draft (plain, serializable), the engine's verdict on it,
 * and the connection tests of its hosts.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { InventoryDocument, Issue } from '../../../electron/contract/common';
import type { ConnectionTestResult } from '../../../electron/contract/connection';
import { api, errorText } from '../api';
import {
  defaultAccess,
  defaultOptions,
  fromInventoryDocument,
  newHostRow,
  rowsAt,
  toInventoryDocument,
  tutorialOptions,
  type HostRow,
  type WizardDraft,
} from '../model/draft';
import { issuesForPage, type WizardPage } from '../model/issues';

export type ConnectionTestState =
  { state: 'testing' } | { state: 'done'; result: ConnectionTestResult };

export const useInventoryStore = defineStore('inventory', () => {
  const draft = ref<WizardDraft>({ hosts: [], access: defaultAccess(), options: defaultOptions() });
  const errors = ref<Issue[]>([]);
  const warnings = ref<Issue[]>([]);
  /** False until the first validation answered. */
  const validated = ref(false);
  /** Connection tests by host row key. */
  const tests = ref<Record<string, ConnectionTestState>>({});

  const document = computed<InventoryDocument>(() => toInventoryDocument(draft.value));
  const valid = computed(() => validated.value && errors.value.length === 0);

  let validation = 0;
  /** Asks the engine about the current draft; a newer request wins over a slower older one. */
  async function validate(): Promise<void> {
    const ticket = ++validation;
    const result = await api().inventory.validate({ inventory: document.value });
    if (ticket !== validation) return;
    errors.value = result.errors;
    warnings.value = result.warnings;
    validated.value = true;
  }

  function errorsFor(page: WizardPage): Issue[] {
    return issuesForPage(errors.value, page);
  }

  /** Adds hosts at the end, skipping addresses already listed; returns how many were added. */
  function addHosts(rows: Partial<Omit<HostRow, 'key'>>[]): number {
    const known = new Set(draft.value.hosts.map((host) => host.address.trim()));
    const fresh = rows.filter((row) => {
      const address = row.address?.trim() ?? '';
      if (address === '') return true;
      if (known.has(address)) return false;
      known.add(address);
      return true;
    });
    // The first host of an empty list becomes the manager: the usual first choice.
    const firstIsManager = draft.value.hosts.length === 0;
    fresh.forEach((row, index) => {
      const role = row.role ?? (firstIsManager && index === 0 ? 'manager' : 'worker');
      draft.value.hosts.push(newHostRow({ ...row, role }));
    });
    return fresh.length;
  }

  function removeHost(key: string): void {
    draft.value.hosts = draft.value.hosts.filter((host) => host.key !== key);
    tests.value = Object.fromEntries(
      Object.entries(tests.value).filter(([hostKey]) => hostKey !== key),
    );
  }

  /** Drops the rows of the hosts a removal took out of the swarm; returns their addresses. */
  function removeHostsAt(targets: readonly { address: string; port: number }[]): string[] {
    const leaving = rowsAt(draft.value, targets);
    for (const host of leaving) removeHost(host.key);
    return leaving.map((host) => host.address.trim());
  }

  function moveHost(key: string, offset: -1 | 1): void {
    const hosts = draft.value.hosts;
    const from = hosts.findIndex((host) => host.key === key);
    const to = from + offset;
    const row = hosts[from];
    if (!row || to < 0 || to >= hosts.length) return;
    hosts.splice(from, 1);
    hosts.splice(to, 0, row);
  }

  function load(inventory: InventoryDocument): void {
    draft.value = fromInventoryDocument(inventory);
    tests.value = {};
  }

  /** An empty table and the default access and options, as the app opens. */
  function clear(): void {
    draft.value = { hosts: [], access: defaultAccess(), options: defaultOptions() };
    tests.value = {};
  }

  function applyTutorialOptions(): void {
    draft.value.options = tutorialOptions(draft.value.options);
  }

  async function testConnection(key: string): Promise<void> {
    const hostIndex = draft.value.hosts.findIndex((host) => host.key === key);
    if (hostIndex < 0) return;
    tests.value[key] = { state: 'testing' };
    let result: ConnectionTestResult;
    try {
      result = await api().connection.test({ inventory: document.value, hostIndex });
    } catch (error) {
      result = { ok: false, code: 'error', message: errorText(error) };
    }
    tests.value[key] = { state: 'done', result };
  }

  return {
    draft,
    errors,
    warnings,
    validated,
    tests,
    document,
    valid,
    validate,
    errorsFor,
    addHosts,
    removeHost,
    removeHostsAt,
    moveHost,
    load,
    clear,
    applyTutorialOptions,
    testConnection,
  };
});
