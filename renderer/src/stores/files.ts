/**
 * The file panel beside a node's terminal: which terminal it is for, the directory shown, and
 * the copies under way. The work is main's (files:* channels); this keeps what the panel shows.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { RemoteListing, TransferEvent, UploadAnswer } from '../../../electron/contract/files';
import { api, errorText } from '../api';

/** The parent of an absolute remote path ("/" stays "/"). */
export function parentOf(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  const cut = trimmed.lastIndexOf('/');
  return cut <= 0 ? '/' : trimmed.slice(0, cut);
}

/** `directory/name`, without doubling the slash of "/". */
export function childOf(directory: string, name: string): string {
  return `${directory.replace(/\/+$/, '')}/${name}`;
}

export const useFilesStore = defineStore('files', () => {
  const terminalId = ref<string | undefined>();
  const listing = ref<RemoteListing | undefined>();
  const loading = ref(false);
  const error = ref<string | undefined>();
  const transfers = ref<TransferEvent[]>([]);
  let unsubscribe: (() => void) | undefined;

  const running = computed(() => transfers.value.filter((entry) => entry.state === 'running'));

  function listen(): void {
    unsubscribe ??= api().files.onTransfer((event) => {
      const index = transfers.value.findIndex((entry) => entry.transfer === event.transfer);
      if (index >= 0) transfers.value[index] = event;
      else transfers.value.push(event);
      // A finished upload shows up in the directory it went to.
      if (
        event.state === 'done' &&
        event.direction === 'upload' &&
        event.terminalId === terminalId.value
      )
        void show(listing.value?.path);
    });
  }

  /** Opens the panel for a terminal, where its shell is (or at home). */
  async function open(id: string): Promise<void> {
    listen();
    terminalId.value = id;
    listing.value = undefined;
    await show(undefined);
  }

  function close(): void {
    terminalId.value = undefined;
    listing.value = undefined;
    error.value = undefined;
  }

  async function show(path: string | undefined): Promise<void> {
    const id = terminalId.value;
    if (!id) return;
    loading.value = true;
    try {
      listing.value = await api().files.list({ terminalId: id, ...(path ? { path } : {}) });
      error.value = undefined;
    } catch (failure) {
      error.value = errorText(failure);
    } finally {
      loading.value = false;
    }
  }

  /**
   * Uploads into the directory shown: the picked files (or those given). When some would
   * replace files there, `confirm` is asked with their names, and nothing is sent unless it says yes.
   */
  async function upload(
    confirm: (names: string[]) => Promise<boolean>,
    localPaths?: string[],
  ): Promise<UploadAnswer | undefined> {
    const id = terminalId.value;
    const directory = listing.value?.path;
    if (!id || !directory) return undefined;
    const request = { terminalId: id, directory, ...(localPaths ? { localPaths } : {}) };
    const answer = await api().files.upload({ ...request, overwrite: false });
    if (answer.status !== 'exists') return answer;
    if (!(await confirm(answer.names))) return { status: 'cancelled' };
    return api().files.upload({ ...request, localPaths: answer.localPaths, overwrite: true });
  }

  async function download(name: string): Promise<void> {
    const id = terminalId.value;
    const directory = listing.value?.path;
    if (!id || !directory) return;
    await api().files.download({ terminalId: id, remotePath: childOf(directory, name) });
  }

  function cancel(transfer: string): void {
    void api()
      .files.cancel({ transfer })
      .catch(() => undefined);
  }

  return {
    terminalId,
    listing,
    loading,
    error,
    transfers,
    running,
    open,
    close,
    show,
    upload,
    download,
    cancel,
  };
});
