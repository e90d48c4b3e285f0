/**
 * The command line that opens a node through the operator's OpenSSH client, in a local pty:
 * the app's key and the app's known_hosts, so it trusts exactly what the engine trusts. No
 * password is ever put on the command line: if the key is not on the node yet, ssh asks in
 * the terminal. Host key checking stays OpenSSH's default (ask), never "accept anything".
 */
import type { SshEndpoint, SshTarget } from '../../engine/ssh/types';
import { DEFAULT_SSH_PORT } from '../../engine/ssh/types';

export interface SystemSshOptions {
  /** The app key's private file, when it exists. */
  appKeyPath: string | undefined;
  knownHostsPath: string;
}

export function systemSshArgs(target: SshTarget, options: SystemSshOptions): string[] {
  const args: string[] = [
    '-t',
    '-o',
    `UserKnownHostsFile=${options.knownHostsPath}`,
    // The app's file is the engine's: OpenSSH must not rewrite it in hashed form.
    '-o',
    'HashKnownHosts=no',
    '-o',
    'ServerAliveInterval=10',
    '-p',
    String(target.port ?? DEFAULT_SSH_PORT),
  ];
  if (options.appKeyPath) args.push('-i', options.appKeyPath);
  if (target.jump) args.push('-J', jumpSpec(target.jump));
  args.push('-l', target.username, '--', target.host);
  return args;
}

/** `user@host:port[,user@host:port…]`, outermost jump first, as `ssh -J` takes it. */
function jumpSpec(jump: SshEndpoint): string {
  const hops: string[] = [];
  for (let hop: SshEndpoint | undefined = jump; hop; hop = hop.jump) {
    hops.unshift(`${hop.username}@${bracketed(hop.host)}:${hop.port ?? DEFAULT_SSH_PORT}`);
  }
  return hops.join(',');
}

function bracketed(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
