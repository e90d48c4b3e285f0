import { localized } from '../../shared/messages';
import type { Inventory } from '../inventory/schema';
import { authorizedKeysHas } from '../keys/app-key';
import { shellQuote } from '../shell/quote';
import { StepFailure, type StepContext, type StepDefinition } from './step';
import { purpose } from '../remote/purpose';

interface KeyProbe {
  home: string;
  authorizedKeys: string;
}

/** The login user's home and authorized_keys (empty when there is none), in one round trip. */
export async function readLoginAuthorizedKeys(ctx: StepContext<unknown>): Promise<KeyProbe> {
  const result = await ctx.remote.exec(
    'printf "%s\\n" "$HOME"; cat "$HOME/.ssh/authorized_keys" 2>/dev/null || true',
    { quiet: true, purpose: purpose('loginKeys') },
  );
  const [home = '', ...rest] = result.stdout.split('\n');
  if (!home.startsWith('/'))
    throw new StepFailure(localized('failures.ssh-keys.noHome', { user: ctx.host.user }));
  return { home, authorizedKeys: rest.join('\n') };
}

/**
 * Installs the app's public key for the login user once (never twice), then proves that a
 * login with the key alone works. Later connections try the key first.
 */
export const sshKeysStep: StepDefinition<KeyProbe, Inventory> = {
  id: 'ssh-keys',
  title: localized('steps.ssh-keys.title'),
  explanation: localized('steps.ssh-keys.explanation'),
  appliesTo: (_host, _hosts, options) => options.prepare.keyExchange,

  probe: readLoginAuthorizedKeys,

  decide(probe, ctx) {
    const key = ctx.tools.appPublicKey;
    if (!key) throw new StepFailure(localized('failures.ssh-keys.noAppKey'));
    return authorizedKeysHas(probe.authorizedKeys, key)
      ? { kind: 'ok', message: localized('outcomes.ssh-keys.alreadyAuthorised') }
      : {
          kind: 'change',
          changes: [localized('outcomes.ssh-keys.authorise', { user: ctx.host.user })],
        };
  },

  async apply(ctx, probe) {
    const key = ctx.tools.appPublicKey ?? '';
    const current = probe.authorizedKeys.replace(/\n*$/, '');
    const content = `${current === '' ? '' : `${current}\n`}${key}\n`;
    const sshDir = `${probe.home}/.ssh`;
    // sshd refuses keys in a group- or world-writable ~/.ssh.
    await ctx.remote.exec(`mkdir -p ${shellQuote(sshDir)} && chmod 700 ${shellQuote(sshDir)}`);
    await ctx.remote.uploadFile(`${sshDir}/authorized_keys`, content, { mode: 0o600, sudo: false });
  },

  async verify(ctx) {
    if (!ctx.tools.proveKeyLogin)
      throw new StepFailure(localized('failures.ssh-keys.cannotTestLogin'));
    await ctx.tools.proveKeyLogin(ctx.host.id);
    return { keyLogin: 'works' };
  },

  preview: (host) => ({
    before: ['mkdir -p "$HOME/.ssh" && chmod 700 "$HOME/.ssh"'],
    commands: [],
    files: [
      {
        path: '$HOME/.ssh/authorized_keys',
        mode: 0o600,
        content: '(the lines already there)\n(the app’s ed25519 public key)\n',
      },
    ],
    note: localized('plans.notes.sshKeys', { user: host.user }),
  }),
};
