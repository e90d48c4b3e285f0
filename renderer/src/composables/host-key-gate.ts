/**
 * Before the wizard logs in to the hosts (preflight, the plan preview): every host's key is
 * read without logging in, and keys not trusted yet are shown for the person to decide on. New
 * keys are trusted together on one click; a changed key sends the person to the Access page.
 */
import { h, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { useDialog } from 'naive-ui';
import type { HostKeyCheck } from '../../../electron/contract/connection';
import HostKeyList from '../components/checks/HostKeyList.vue';
import { useHostKeysStore } from '../stores/host-keys';
import { useInventoryStore } from '../stores/inventory';
import { useWizardStore } from '../stores/wizard';

export function useHostKeyGate() {
  const inventory = useInventoryStore();
  const hostKeys = useHostKeysStore();
  const wizard = useWizardStore();
  const dialog = useDialog();
  const { t } = useI18n();
  const checkingKeys = ref(false);

  /**
   * Runs `then` once every host's key is trusted (at once when they already are, after the
   * person's click otherwise); nothing runs when the person cancels. Errors are thrown.
   */
  async function whenTrusted(then: () => Promise<void>): Promise<void> {
    checkingKeys.value = true;
    let undecided: HostKeyCheck[];
    try {
      undecided = await hostKeys.undecided(inventory.document);
    } finally {
      checkingKeys.value = false;
    }
    if (undecided.length === 0) return then();
    const changed = undecided.some((entry) => entry.ok && entry.key.status === 'changed');
    await new Promise<void>((resolve, reject) => {
      dialog.warning({
        title: t(
          undecided.length === 1 ? 'preflight.hostKeys.titleOne' : 'preflight.hostKeys.title',
          {
            count: undecided.length,
          },
        ),
        content: () => h(HostKeyList, { checks: undecided }),
        style: { width: '680px' },
        positiveText: changed ? t('preflight.hostKeys.toAccess') : t('preflight.hostKeys.trust'),
        negativeText: t('common.cancel'),
        onPositiveClick: async () => {
          if (changed) {
            wizard.go('access');
            return resolve();
          }
          for (const entry of undecided) {
            if (entry.ok && !(await hostKeys.trust(entry.key, false))) {
              return reject(new Error(hostKeys.trustError));
            }
          }
          then().then(resolve, reject);
        },
        onNegativeClick: () => resolve(),
        onClose: () => resolve(),
        onMaskClick: () => resolve(),
      });
    });
  }

  return { checkingKeys, whenTrusted };
}
