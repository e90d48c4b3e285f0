/**
 * Before an operation on the swarm starts: the engine's own plan of what it will do to which
 * host, shown for the person to agree to (or its refusal, and nothing runs).
 */
import { h } from 'vue';
import { useI18n } from 'vue-i18n';
import { useDialog, useMessage } from 'naive-ui';
import type { OperationPlan, SwarmOperation } from '../../../electron/shared/operations';
import { api, errorText } from '../api';
import MissingSecrets from '../components/common/MissingSecrets.vue';
import { localized } from '../model/localized-text';
import { useInventoryStore } from '../stores/inventory';

export interface ConfirmWords {
  title: string;
  /** The button that starts it. */
  yes: string;
  /** `warning` for what changes hosts, `info` for what only reads them. */
  tone: 'warning' | 'info';
  /**
   * Shows the passwords the operation lacks in the page itself; without it they are shown in a
   * dialog. Either way nothing starts.
   */
  onMissingSecrets?: (secrets: NonNullable<OperationPlan['missingSecrets']>) => void;
}

export function useOperationConfirm() {
  const inventory = useInventoryStore();
  const dialog = useDialog();
  const message = useMessage();
  const { t, locale } = useI18n();

  /** Shows the plan; runs `start` once the person agrees. Errors are said, not thrown. */
  async function confirmOperation(
    operation: SwarmOperation,
    words: ConfirmWords,
    start: () => Promise<void>,
  ): Promise<void> {
    try {
      const plan = await api().run.operationPlan({ inventory: inventory.document, operation });
      if (plan.refusal) {
        dialog.error({
          title: t('manage.refused'),
          content: localized(plan.refusal, locale.value),
          positiveText: t('common.close'),
        });
        return;
      }
      if (plan.missingSecrets) {
        if (words.onMissingSecrets) {
          words.onMissingSecrets(plan.missingSecrets);
          return;
        }
        const shown = dialog.warning({
          title: words.title,
          content: () =>
            h(MissingSecrets, {
              secrets: plan.missingSecrets ?? [],
              onLeave: () => shown.destroy(),
            }),
        });
        return;
      }
      dialog[words.tone]({
        title: words.title,
        content: () =>
          h('div', { 'data-testid': 'operation-plan' }, [
            h('p', t('manage.willDo')),
            h(
              'ul',
              plan.lines.map((line) => h('li', localized(line, locale.value))),
            ),
          ]),
        positiveText: words.yes,
        negativeText: t('common.cancel'),
        onPositiveClick: async () => {
          try {
            await start();
          } catch (error) {
            message.error(errorText(error));
          }
        },
      });
    } catch (error) {
      message.error(errorText(error));
    }
  }

  return { confirmOperation };
}
