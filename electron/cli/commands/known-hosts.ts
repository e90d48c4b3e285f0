import { InvalidArgumentError, type Command } from 'commander';
import { knownHostsPath } from '../../engine/app-paths';
import { hostKeyFingerprint } from '../../engine/ssh/known-hosts';
import { forgetHostKey, KnownHostsStore } from '../../engine/ssh/known-hosts-store';

/** Splits `host`, `host:port` or `[v6]:port`. */
export function parseHostPort(value: string): { host: string; port: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(value);
  const plain = /^([^:]+)(?::(\d+))?$/.exec(value);
  const match = bracketed ?? plain;
  const host = match?.[1];
  const port = Number(match?.[2] ?? 22);
  if (!host || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new InvalidArgumentError('write HOST, HOST:PORT or [IPv6]:PORT');
  }
  return { host, port };
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
    .argument('<host>', 'HOST, HOST:PORT or [IPv6]:PORT', parseHostPort)
    .action(async (target: { host: string; port: number }) => {
      const removed = await forgetHostKey(target.host, target.port);
      process.stderr.write(
        removed > 0
          ? `Forgot ${removed} key(s) of ${target.host}:${target.port}. The next connection trusts the key it is shown.\n`
          : `No key of ${target.host}:${target.port} was on file.\n`,
      );
    });
}
