import { localized } from '../../shared/messages';
import type { Inventory } from '../inventory/schema';
import { isFirstManager } from '../swarm/swarm-info';
import { keepOriginalScript } from './originals';
import { StepFailure, type StepDefinition } from './step';
import { purpose } from '../remote/purpose';

/** Where the first manager's own key pair lives (root's, as in the tutorial). */
export const MANAGER_KEY_PATH = '/root/.ssh/id_ed25519';

/** Creates root's key pair on the first manager, once; never overwrites an existing key. */
export const MANAGER_KEYGEN_SCRIPT = [
  'umask 077',
  'mkdir -p /root/.ssh',
  `[ -e ${MANAGER_KEY_PATH} ] || ssh-keygen -q -t ed25519 -N '' -C "root@$(hostname)" -f ${MANAGER_KEY_PATH}`,
].join('\n');

/** Reads the first manager's public key (empty when it has none). */
export async function readManagerPublicKey(
  exec: (script: string) => Promise<{ stdout: string }>,
): Promise<string> {
  return (await exec(`cat ${MANAGER_KEY_PATH}.pub 2>/dev/null || true`)).stdout.trim();
}

/**
 * The tutorial's "manager can ssh to every node": the first manager gets an ed25519 key pair
 * of its own (the manager-key-trust step then authorises it on the other nodes).
 */
export const managerKeyStep: StepDefinition<string, Inventory> = {
  id: 'manager-key',
  title: localized('steps.manager-key.title'),
  explanation: localized('steps.manager-key.explanation'),
  appliesTo: (host, hosts, options) =>
    options.prepare.managerKeyToNodes && isFirstManager(host, hosts),

  probe: (ctx) =>
    readManagerPublicKey((script) =>
      ctx.remote.exec(script, { sudo: true, purpose: purpose('managerKey') }),
    ),
  decide: (publicKey) =>
    publicKey
      ? { kind: 'ok', message: localized('outcomes.manager-key.alreadyHasPair') }
      : { kind: 'change', changes: [localized('outcomes.manager-key.createPair')] },
  async apply(ctx) {
    // There was no key pair: `swarmlab reset` removes the one made here.
    await ctx.remote.exec(keepOriginalScript(MANAGER_KEY_PATH), { sudo: true });
    await ctx.remote.exec(MANAGER_KEYGEN_SCRIPT, { sudo: true });
  },
  preview: () => ({
    files: [],
    commands: [keepOriginalScript(MANAGER_KEY_PATH), MANAGER_KEYGEN_SCRIPT],
    note: localized('plans.notes.managerKey'),
  }),
  async verify(ctx, probe, changed) {
    const publicKey = changed ? await managerKeyStep.probe(ctx) : probe;
    if (!publicKey.startsWith('ssh-'))
      throw new StepFailure(localized('failures.manager-key.noPublicKey'));
    return { publicKey };
  },
};
