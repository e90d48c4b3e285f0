/**
 * The last reset step: the app's key leaves the login user's authorized_keys, the first
 * manager's key leaves root's, and the manager's own key pair goes if swarmlab made it. Last,
 * because after it swarmlab logs in with the password again.
 */
import { localized } from '../../../shared/messages';
import { authorizedKeysHas, publicKeyIdentity } from '../../keys/app-key';
import { shellQuote } from '../../shell/quote';
import { managerView } from '../../swarm/manager-view';
import { firstManager, isFirstManager } from '../../swarm/swarm-info';
import { MANAGER_KEY_PATH, readManagerPublicKey } from '../manager-key';
import { ROOT_AUTHORIZED_KEYS } from '../manager-key-trust';
import { readLoginAuthorizedKeys } from '../ssh-keys';
import { originalStateScript, restoreOriginalScript } from '../originals';
import { StepFailure, type Localized, type StepDefinition } from '../step';
import { isReset, type ResetOptions } from './reset';

/** authorized_keys without the lines of `publicKey` (options and comments ignored). */
export function withoutKey(authorizedKeys: string, publicKey: string): string {
  const [, blob = ''] = publicKeyIdentity(publicKey).split(' ');
  if (blob === '') return authorizedKeys;
  return authorizedKeys
    .split('\n')
    .filter((line) => line.trimStart().startsWith('#') || !line.split(/\s+/).includes(blob))
    .join('\n');
}

interface KeysProbe {
  home: string;
  userKeys: string;
  rootKeys: string;
  managerKey: string;
}

export const resetKeysStep: StepDefinition<KeysProbe, ResetOptions> = {
  id: 'reset-keys',
  title: localized('steps.reset-keys.title'),
  explanation: localized('steps.reset-keys.explanation'),
  appliesTo: (host, _hosts, options) => isReset(host, options),

  async probe(ctx) {
    const { home, authorizedKeys: userKeys } = await readLoginAuthorizedKeys(ctx);
    const rootKeys = (await ctx.remote.readFile(ROOT_AUTHORIZED_KEYS, { sudo: true })) ?? '';
    const manager = firstManager(ctx.hosts);
    // The manager's public key, while it is still there to read (it may be reset too).
    // Read once for all hosts, before reset-manager-pair (which waits for this step) removes it.
    const managerKey = manager
      ? await managerView(ctx)
          .once('reset:manager-public-key', () =>
            readManagerPublicKey((script) =>
              ctx.remoteFor(manager.id).exec(script, { sudo: true }),
            ),
          )
          .catch(() => '')
      : '';
    return { home, userKeys, rootKeys, managerKey };
  },

  decide(probe, ctx) {
    const changes: Localized[] = [];
    const appKey = ctx.tools.appPublicKey;
    if (appKey && authorizedKeysHas(probe.userKeys, appKey))
      changes.push(localized('outcomes.reset.removeAppKey', { user: ctx.host.user }));
    if (probe.managerKey && authorizedKeysHas(probe.rootKeys, probe.managerKey))
      changes.push(localized('outcomes.reset.removeManagerKey'));
    return changes.length > 0
      ? { kind: 'change', changes }
      : { kind: 'ok', message: localized('outcomes.reset.noKeys') };
  },

  async apply(ctx, probe) {
    const appKey = ctx.tools.appPublicKey ?? '';
    const userFile = `${probe.home}/.ssh/authorized_keys`;
    const rootKeys = withoutKey(probe.rootKeys, probe.managerKey);
    if (userFile === ROOT_AUTHORIZED_KEYS) {
      // Logged in as root: one file holds both keys.
      await ctx.remote.uploadFile(ROOT_AUTHORIZED_KEYS, withoutKey(rootKeys, appKey), {
        mode: 0o600,
        sudo: true,
      });
      return;
    }
    if (rootKeys !== probe.rootKeys) {
      await ctx.remote.uploadFile(ROOT_AUTHORIZED_KEYS, rootKeys, { mode: 0o600, sudo: true });
    }
    // The app's own key last: the session already open keeps working without it.
    const userKeys = withoutKey(probe.userKeys, appKey);
    if (userKeys !== probe.userKeys) {
      await ctx.remote.uploadFile(userFile, userKeys, { mode: 0o600, sudo: false });
    }
  },

  async verify(ctx, before, changed) {
    const after = changed ? await resetKeysStep.probe(ctx) : before;
    const appKey = ctx.tools.appPublicKey;
    if (appKey && authorizedKeysHas(after.userKeys, appKey))
      throw new StepFailure(localized('failures.reset.appKeyLeft'));
    if (before.managerKey && authorizedKeysHas(after.rootKeys, before.managerKey))
      throw new StepFailure(localized('failures.reset.managerKeyLeft'));
    return { keysRemoved: changed };
  },
};

/** On the first manager, after every host dropped its key: the pair goes if swarmlab made it. */
export const resetManagerPairStep: StepDefinition<boolean, ResetOptions> = {
  id: 'reset-manager-pair',
  title: localized('steps.reset-manager-pair.title'),
  explanation: localized('steps.reset-manager-pair.explanation'),
  waitsFor: ['reset-keys'],
  proceedPastFailures: true,
  appliesTo: (host, hosts, options) => isReset(host, options) && isFirstManager(host, hosts),

  probe: async (ctx) =>
    (await ctx.remote.exec(originalStateScript(MANAGER_KEY_PATH), { sudo: true })).stdout.trim() ===
    'absent',
  decide: (madeBySwarmlab) =>
    madeBySwarmlab
      ? { kind: 'change', changes: [localized('outcomes.reset.removeManagerPair')] }
      : { kind: 'ok', message: localized('outcomes.reset.managerPairKept') },
  async apply(ctx) {
    await ctx.remote.exec(
      `${restoreOriginalScript(MANAGER_KEY_PATH)}\nrm -f ${shellQuote(`${MANAGER_KEY_PATH}.pub`)}`,
      { sudo: true },
    );
  },
  async verify(ctx, before, changed) {
    if (!changed) return { removed: false };
    const left = await ctx.remote.exec(`ls ${shellQuote(MANAGER_KEY_PATH)} 2>/dev/null || true`, {
      sudo: true,
    });
    if (left.stdout.trim() !== '') throw new StepFailure(localized('failures.reset.pairLeft'));
    return { removed: before };
  },
};
