import { InvalidArgumentError, type Command } from 'commander';
import { knownHostsPath } from '../../engine/app-paths';
import { isIPv6 } from 'node:net';
import { hostKeyFingerprint, hostPortLabel, normalHost } from '../../engine/ssh/known-hosts';
import { forgetHostKey, KnownHostsStore } from '../../engine/ssh/known-hosts-store';

/** Host names and IPv4 addresses as known_hosts holds them (no spaces, no pattern). */
const PLAIN_HOST = /^[A-Za-z0-9_.-]+$/;

const FORMS = 'write HOST, HOST:PORT, an IPv6 address, or [HOST]:PORT / [IPv6]:PORT';

/**
 * Reads a host the way swarmlab and OpenSSH print it: `host`, `host:port`, `[host]` or
 * `[host]:port` (known_hosts' own form), or a bare IPv6 address (port 22). The host comes
 * back normalised: any spelling of one IPv6 address is the same host.
 */
export function parseHostPort(value: string): { host: string; port: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(value);
  const plain = /^([^:]+)(?::(\d+))?$/.exec(value);
  const [host, portText] = bracketed
    ? [bracketed[1], bracketed[2]]
    : isIPv6(value)
      ? [value, undefined]
      : [plain?.[1], plain?.[2]];
  const port = Number(portText ?? 22);
  if (
    host === undefined ||
    !(isIPv6(host) || PLAIN_HOST.test(host)) ||
    !Number.isInteger(port) ||
    port < 1 ||
    port > 65535
  ) {
    throw new InvalidArgumentError(FORMS);
  }
  return { host: normalHost(host), port };
}

/** `swarmlab known-hosts list|forget`: the deliberate way to accept a host's new key. */
export function registerKnownHostsCommand(program: Command): void {
  const knownHosts = program
    .command('known-hosts')
    .description(`Host keys swarmlab trusts (${knownHostsPath()}).`);

  knownHosts
    .command('list')
    .description('Show every trusted host key with its SHA256 fingerprint.')
    .action(async () => {
      const lines = await new KnownHostsStore().read();
      for (const line of lines) {
        if (line.kind !== 'entry') continue;
        const fingerprint = hostKeyFingerprint(Buffer.from(line.keyBase64, 'base64'));
        process.stdout.write(`${line.names.join(',')}  ${line.keyType}  ${fingerprint}\n`);
      }
    });

  knownHosts
    .command('forget')
    .description('Forget the key of HOST[:PORT]; the next connection trusts the key it finds.')
    .argument(
      '<host>',
      'HOST, HOST:PORT, IPv6 or [IPv6]:PORT, as `known-hosts list` shows it',
      parseHostPort,
    )
    .action(async (target: { host: string; port: number }) => {
      const removed = await forgetHostKey(target.host, target.port);
      process.stderr.write(
        removed > 0
          ? `Forgot ${removed} key(s) of ${hostPortLabel(target.host, target.port)}. The next connection trusts the key it is shown.\n`
          : `No key of ${hostPortLabel(target.host, target.port)} was on file.\n`,
      );
    });
}
