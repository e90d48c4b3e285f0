/**
 * The command line that opens a node through the operator's OpenSSH client, in a local pty:
 * the app's key and the app's known_hosts, so it trusts exactly what the engine trusts. No
 * password is ever put on the command line: if the key is not on the node yet, ssh asks in
 * the terminal. Host key checking stays OpenSSH's default (ask), never "accept anything".
 *
 * Jump hosts get the same options: `-J` would start an ssh per hop that sees none of the `-o`
 * options given here (it would check the hop against ~/.ssh/known_hosts, with the user's
 * keys), so each hop is an explicit ProxyCommand running `ssh … -W` with them, nested for
 * several hops.
 */
import type { SshEndpoint, SshTarget } from '../../engine/ssh/types';
import { DEFAULT_SSH_PORT } from '../../engine/ssh/types';
import { shellQuote } from '../../engine/shell/quote';

export interface SystemSshOptions {
  /** The app key's private file, when it exists. */
  appKeyPath: string | undefined;
  knownHostsPath: string;
}

export function systemSshArgs(target: SshTarget, options: SystemSshOptions): string[] {
  return ['-t', ...endpointArgs(target, options), '--', target.host];
}

/** What the ssh that logs in to `endpoint` is told, whether it is the last hop or a jump. */
function endpointArgs(endpoint: SshEndpoint, options: SystemSshOptions): string[] {
  const args = [
    '-o',
    `UserKnownHostsFile=${configPath(options.knownHostsPath, 'the known_hosts file')}`,
    // The app's file is the engine's: OpenSSH must not rewrite it in hashed form.
    '-o',
    'HashKnownHosts=no',
    // Spelled out so a user's ssh_config cannot turn it into "accept anything".
    '-o',
    'StrictHostKeyChecking=ask',
    '-o',
    'ServerAliveInterval=10',
  ];
  if (options.appKeyPath) {
    // Not -i: ssh tests that path as given, then expands % in it; a path with % fails either way.
    args.push('-o', `IdentityFile=${configPath(options.appKeyPath, 'the app key')}`);
  }
  if (endpoint.jump) args.push('-o', `ProxyCommand=${proxyCommand(endpoint.jump, options)}`);
  args.push('-p', String(endpoint.port ?? DEFAULT_SSH_PORT), '-l', endpoint.username);
  return args;
}

/**
 * A ProxyCommand that logs in to `hop` and forwards to the host being reached (ssh fills in
 * %h and %p). ssh expands % tokens in it, then runs it with the user's shell: every word is
 * shell-quoted and every literal % doubled, which also keeps a nested hop's tokens for the
 * ssh that runs that one.
 */
function proxyCommand(hop: SshEndpoint, options: SystemSshOptions): string {
  const literal = (word: string) => shellQuote(word).replaceAll('%', '%%');
  return [
    ...['ssh', ...endpointArgs(hop, options)].map(literal),
    '-W',
    // OpenSSH's own ProxyJump passes this form: brackets keep an IPv6 address whole.
    "'[%h]:%p'",
    '--',
    literal(hop.host),
  ].join(' ');
}

/**
 * A path as an ssh_config value: ssh expands % tokens in UserKnownHostsFile and IdentityFile
 * and splits them at whitespace, so % is doubled and an unusual path is double-quoted.
 */
function configPath(path: string, what: string): string {
  const escaped = path.replaceAll('%', '%%');
  if (!/[\s#'"\\]/.test(escaped)) return escaped;
  if (/[\n\r]/.test(path)) {
    throw new Error(
      `${what} (${JSON.stringify(path)}) has a line break, which OpenSSH options cannot carry: set SWARMLAB_HOME to a folder without one`,
    );
  }
  return `"${escaped.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}
