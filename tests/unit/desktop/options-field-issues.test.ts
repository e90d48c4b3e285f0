/**
 * The Options page in 简体中文: what the engine finds wrong with a field is said in Chinese,
 * under that field (a daemon.json key under its own control), never as an inventory path in a
 * banner above the page.
 */
import { createPinia, setActivePinia } from 'pinia';
import { nextTick } from 'vue';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { validateInventory } from '../../../electron/engine/inventory';
import OptionsPage from '../../../renderer/src/pages/OptionsPage.vue';
import { useInventoryStore } from '../../../renderer/src/stores/inventory';
import { byTestId, mountPage, textOf, unmountPages } from '../helpers/mounted-page';

vi.mock('naive-ui', async () => (await import('../helpers/naive-stubs')).naiveStubs());

let pinia: ReturnType<typeof createPinia>;
beforeEach(() => {
  pinia = createPinia();
  setActivePinia(pinia);
});
afterEach(unmountPages);

/** What the app does on every edit: the engine validates the draft and the page shows it. */
async function validate(): Promise<void> {
  const inventory = useInventoryStore();
  const result = validateInventory(inventory.document);
  inventory.errors = result.ok ? [] : result.errors;
  inventory.warnings = result.warnings;
  await nextTick();
}

describe('the Options page in Chinese', () => {
  it('says a daemon field’s problem in Chinese under that field, and nowhere else', async () => {
    const inventory = useInventoryStore();
    inventory.addHosts([{ address: '10.0.0.1', role: 'manager' }]);
    const daemon = inventory.draft.options.docker.daemon;
    daemon.registryMirrors = ['docker.m.daocloud.io'];
    daemon.insecureRegistries = ['http://192.168.11.10:5000'];
    daemon.logMaxSize = '10 MB';
    const page = mountPage(OptionsPage, pinia, 'zh-CN');
    await validate();

    const under = (path: string) => {
      const block = byTestId(page.root, `field-issues-${path}`);
      return block ? textOf(block) : undefined;
    };
    expect(under('docker.daemon.registry-mirrors')).toContain(
      '"docker.m.daocloud.io" 不是有效的镜像加速 URL：它没有以 http:// 或 https:// 开头',
    );
    expect(under('docker.daemon.registry-mirrors')).toContain('https://docker.m.daocloud.io');
    expect(under('docker.daemon.insecure-registries')).toContain(
      '请去掉协议前缀："192.168.11.10:5000"',
    );
    expect(under('docker.daemon.log-opts')).toContain('"10 MB" 不是有效的 max-size');
    // Each said once, under its own field: not again under the daemon panel, and no path shown.
    expect(under('docker.daemon')).toBeUndefined();
    expect(page.text()).not.toMatch(/docker\.daemon|registry-mirrors\[0\]|is not a/);

    daemon.registryMirrors = ['https://docker.m.daocloud.io'];
    await validate();
    expect(under('docker.daemon.registry-mirrors')).toBeUndefined();
  });
});
