/**
 * The auth loop: our typed methods, prepared up front (key files read, keys
 * decrypted), then offered to the server one by one through ssh2's
 * `authHandler`. We keep a log of what was tried so a failure can say exactly
 * which methods were refused, without ever repeating a secret.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type {
  AnyAuthMethod,
  AuthHandlerMiddleware,
  AuthenticationType,
  KeyboardInteractiveCallback,
  NextAuthHandler,
  Prompt,
} from 'ssh2';
import { parsedKeyFile, parsedKeyText, type KeyParseResult } from './parsed-keys';
import type { KeyboardInteractiveResponder, SshAuth, SshEndpoint } from './types';
import { endpointLabel } from './types';

/** A method ready to hand to ssh2, or the reason it cannot be used. */
type PreparedAuth =
  | { readonly label: string; readonly method: AnyAuthMethod }
  | { readonly label: string; readonly skipped: string };

/** Prompts that ask for the login password, which we answer ourselves. */
const PASSWORD_PROMPT = /password/i;

/**
 * Turns the endpoint's methods into ssh2 methods. Async because key files are
 * read here; a key that cannot be used becomes a `skipped` entry (other methods
 * may still work) rather than an exception.
 */
export async function prepareAuthMethods(
  endpoint: SshEndpoint,
  env: NodeJS.ProcessEnv,
): Promise<PreparedAuth[]> {
  const { username } = endpoint;
  const password = endpoint.auth.find((auth) => auth.type === 'password')?.password;
  const hasKeyboardInteractive = endpoint.auth.some((auth) => auth.type === 'keyboard-interactive');
  const prepared: PreparedAuth[] = [];
  for (const auth of endpoint.auth) {
    prepared.push(await prepareOne(auth, endpoint, password, env));
    // Many sshd setups (PAM, PasswordAuthentication no) only take the password
    // through keyboard-interactive; a user who typed a password expects it to work.
    if (auth.type === 'password' && !hasKeyboardInteractive) {
      prepared.push({
        label: 'keyboard-interactive (password)',
        method: keyboardInteractiveMethod(username, endpointLabel(endpoint), password, undefined),
      });
    }
  }
  return prepared;
}

async function prepareOne(
  auth: SshAuth,
  endpoint: SshEndpoint,
  password: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<PreparedAuth> {
  const { username } = endpoint;
  switch (auth.type) {
    case 'password':
      return { label: 'password', method: { type: 'password', username, password: auth.password } };
    case 'privateKey':
      return preparePrivateKey(auth.key, auth.passphrase, username);
    case 'agent': {
      const socket = auth.socket ?? env.SSH_AUTH_SOCK;
      if (!socket) return { label: 'agent', skipped: 'no agent socket, SSH_AUTH_SOCK is not set' };
      return { label: 'agent', method: { type: 'agent', username, agent: socket } };
    }
    case 'keyboard-interactive':
      return {
        label: 'keyboard-interactive',
        method: keyboardInteractiveMethod(
          username,
          endpointLabel(endpoint),
          password,
          auth.responder,
        ),
      };
  }
}

async function preparePrivateKey(
  source: { readonly path: string } | { readonly text: string },
  passphrase: string | undefined,
  username: string,
): Promise<PreparedAuth> {
  const where = 'path' in source ? source.path : 'key given as text';
  const label = `publickey (${where})`;
  let parsed: KeyParseResult;
  if ('path' in source) {
    const path = expandHome(source.path);
    try {
      parsed = await parsedKeyFile(path, passphrase, () => readFile(path));
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
      return { label, skipped: `cannot read the key file (${code})` };
    }
  } else {
    parsed = await parsedKeyText(source.text, passphrase);
  }
  if ('problem' in parsed) return { label, skipped: parsed.problem };
  return { label, method: { type: 'publickey', username, key: parsed.key } };
}

function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
}

/**
 * A keyboard-interactive method. Password prompts are answered with the given
 * password; anything else goes to the responder. Without a responder, unknown
 * prompts get an empty answer and the server refuses, which the log then shows.
 */
function keyboardInteractiveMethod(
  username: string,
  host: string,
  password: string | undefined,
  responder: KeyboardInteractiveResponder | undefined,
): AnyAuthMethod {
  return {
    type: 'keyboard-interactive',
    username,
    prompt(
      name: string,
      instructions: string,
      _lang: string,
      prompts: Prompt[],
      finish: KeyboardInteractiveCallback,
    ) {
      void answerPrompts(host, name, instructions, prompts, password, responder).then(finish);
    },
  };
}

async function answerPrompts(
  host: string,
  name: string,
  instructions: string,
  prompts: Prompt[],
  password: string | undefined,
  responder: KeyboardInteractiveResponder | undefined,
): Promise<string[]> {
  const answers = prompts.map((prompt) =>
    password !== undefined && !prompt.echo && PASSWORD_PROMPT.test(prompt.prompt)
      ? password
      : undefined,
  );
  const unanswered = prompts.filter((_, index) => answers[index] === undefined);
  if (unanswered.length === 0) return answers.map((answer) => answer ?? '');
  let given: readonly string[] = [];
  if (responder) {
    try {
      given = await responder({
        host,
        name,
        instructions,
        prompts: unanswered.map((prompt) => ({ text: prompt.prompt, echo: prompt.echo === true })),
      });
    } catch {
      // A responder that fails (dialog cancelled) answers nothing; the server refuses.
      given = [];
    }
  }
  let next = 0;
  return answers.map((answer) => answer ?? given[next++] ?? '');
}

/**
 * ssh2 ends the loop when the handler passes `false` (documented in its README),
 * but @types/ssh2 leaves `false` out of NextAuthHandler's parameter type.
 */
function giveUp(next: NextAuthHandler): void {
  (next as unknown as (done: false) => void)(false);
}

/** The running auth loop of one connection attempt. */
export interface AuthLoop {
  readonly handler: AuthHandlerMiddleware;
  /** What was tried, e.g. `password: refused`; safe to show. */
  attempts(): string[];
  /** What the server said it accepts, once it said. */
  serverMethods(): readonly string[] | undefined;
  /** The method sent and not yet answered (`none` for the opening query), if any. */
  pending(): string | undefined;
}

/**
 * Builds ssh2's `authHandler`. It starts with `none` (as OpenSSH does) so the
 * server tells which methods it takes; then each prepared method in order,
 * skipping the ones the server does not offer; then `false` (give up).
 */
export function createAuthLoop(prepared: readonly PreparedAuth[]): AuthLoop {
  const log: string[] = [];
  let offered: AuthenticationType[] | undefined;
  let index = 0;
  let sentNone = false;
  let inFlight: string | undefined;

  const handler: AuthHandlerMiddleware = (methodsLeft, _partialSuccess, next) => {
    // Being called again means the method we sent last was refused. `none` is only the
    // question "which methods do you take?", not an attempt worth listing.
    if (inFlight !== undefined && inFlight !== 'none') log.push(`${inFlight}: refused`);
    inFlight = undefined;
    // ssh2 passes null on the first call, despite its typings.
    if (Array.isArray(methodsLeft)) offered = methodsLeft;
    if (!sentNone) {
      sentNone = true;
      inFlight = 'none';
      next('none');
      return;
    }
    while (index < prepared.length) {
      const candidate = prepared[index++];
      if (!candidate) break;
      if ('skipped' in candidate) {
        log.push(`${candidate.label}: skipped (${candidate.skipped})`);
        continue;
      }
      if (offered && !offered.includes(candidate.method.type)) {
        log.push(`${candidate.label}: not offered by the server`);
        continue;
      }
      inFlight = candidate.label;
      next(candidate.method);
      return;
    }
    giveUp(next);
  };

  return {
    handler,
    attempts: () => [
      ...log,
      ...(inFlight !== undefined && inFlight !== 'none' ? [`${inFlight}: refused`] : []),
    ],
    serverMethods: () => offered,
    pending: () => inFlight,
  };
}
