/**
 * The systemd drop-in that takes `-H` off dockerd's command line when daemon.json sets `hosts`.
 */
import { systemdCommandLine } from '../../shell/escape';
import { splitCommandLine, type CommandWord } from './command-line';
import { daemonFlags } from './flags';

/** The drop-in that takes `-H` off dockerd's command line when daemon.json sets `hosts`. */
export const HOSTS_DROP_IN = '/etc/systemd/system/docker.service.d/swarmlab-hosts.conf';

/**
 * A drop-in that replaces ExecStart with the same command line minus `-H`/`--host`, for when
 * daemon.json sets `hosts` (Docker's documented way). Variables stay as written, so
 * `$DOCKER_OPTS` keeps being read from its file.
 */
export function hostsDropIn(execStart: string): string {
  const raw = splitCommandLine(execStart);
  const hostWords = new Set(
    daemonFlags(raw)
      .filter((flag) => flag.key === 'hosts')
      .flatMap((flag) => flag.words),
  );
  return dropInText(raw.filter((_, index) => !hostWords.has(index)));
}

function dropInText(words: readonly CommandWord[]): string {
  // The words are argv as systemd shows it: specifiers and escapes resolved, `$VAR` kept (systemd
  // expands those when it starts dockerd), so they are written back escaped for a unit file.
  const line = systemdCommandLine(
    words.map((word) => word.text),
    { dollars: 'keep' },
  );
  return [
    '# Written by swarmlab: daemon.json sets "hosts", and dockerd refuses a setting given both',
    '# as a flag and in the file, so -H is taken off the command line here.',
    '[Service]',
    'ExecStart=',
    `ExecStart=${line}`,
    '',
  ].join('\n');
}
