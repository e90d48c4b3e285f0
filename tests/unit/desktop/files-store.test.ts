/** The file panel's store: paths, and the question before an upload replaces files. */
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SwarmlabApi } from '../../../electron/contract/api';
import type { UploadRequest } from '../../../electron/contract/files';
import { useApiForTests } from '../../../renderer/src/api';
import { childOf, parentOf, useFilesStore } from '../../../renderer/src/stores/files';

beforeEach(() => setActivePinia(createPinia()));
afterEach(() => useApiForTests(undefined));

function fakeFilesApi(uploads: UploadRequest[]): SwarmlabApi {
  const files = {
    list: async ({ path }: { path?: string }) => ({ path: path ?? '/root/app', entries: [] }),
    upload: async (request: UploadRequest) => {
      uploads.push(request);
      return request.overwrite
        ? { status: 'started' as const, transfers: ['x1'] }
        : { status: 'exists' as const, names: ['app.tar'], localPaths: ['/home/me/app.tar'] };
    },
    onTransfer: () => () => undefined,
  };
  return new Proxy({} as SwarmlabApi, {
    get: (_target, area: string) => {
      if (area === 'files') return files;
      throw new Error(`not faked: ${area}`);
    },
  });
}

describe('the files store', () => {
  it('walks paths up and down without doubling slashes', () => {
    expect(parentOf('/root/app')).toBe('/root');
    expect(parentOf('/root/')).toBe('/');
    expect(parentOf('/')).toBe('/');
    expect(childOf('/', 'etc')).toBe('/etc');
    expect(childOf('/root/', 'app')).toBe('/root/app');
  });

  it('asks before replacing, sends nothing more when told no, and replaces the same files when told yes', async () => {
    const uploads: UploadRequest[] = [];
    useApiForTests(fakeFilesApi(uploads));
    const store = useFilesStore();
    await store.open('t1');
    expect(store.listing?.path).toBe('/root/app');
    const asked: string[][] = [];
    expect(await store.upload(async (names) => (asked.push(names), false))).toEqual({
      status: 'cancelled',
    });
    expect(uploads).toHaveLength(1);
    expect(await store.upload(async (names) => (asked.push(names), true))).toEqual({
      status: 'started',
      transfers: ['x1'],
    });
    expect(asked).toEqual([['app.tar'], ['app.tar']]);
    expect(uploads.at(-1)).toEqual({
      terminalId: 't1',
      directory: '/root/app',
      localPaths: ['/home/me/app.tar'],
      overwrite: true,
    });
  });
});
