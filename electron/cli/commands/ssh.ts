/**
 * `swarmlab ssh -f lab.yaml HOST [--sudo] [-- COMMAND…]`: a shell (or one command) on an
 * inventory host, logged in the way a run logs in (host-access.ts), so nobody copies addresses
 * and passwords by hand. Like `ssh`: a terminal gets a pty, a pipe gets a plain channel, the
 * command's exit code is the exit code, and 255 says the command could not be run.
 */
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { ClientChannel, PseudoTtyOptions } from 'ssh2';
import { Redactor } from '../../engine/redact';
import { shellQuote } from '../../engine/shell/quote';
import { TranscriptWriter } from '../../engine/terminal/transcript';
import { closeConnection, openConnection, type OpenConnection } from '../../engine/ssh/connect';
import { REMOTE_TERM } from '../../engine/terminal/ssh-shell';
import { terminalSafe } from '../../engine/text/terminal-safe';
import { accessHost, findHost, NOT_RUN_EXIT, type HostAccess } from '../host-access';
import { loadInventoryOrExplain } from './apply';
import { SudoPromptAnswerer } from './sudo-prompt';

interface SshFlags {
  file: string;
  sudo?: boolean;
  yes?: boolean;
  record?: string;
}

export function registerSshCommand(program: Command): void {
  program
    .command('ssh')
    .description(
      "Open a shell on an inventory host (or run one command there) with swarmlab's key, known_hosts, jump host and sudo. Exits with the command's exit code, 255 when it could not run.",
    )
    .argument('<host>', "the host's name in the inventory (its hostname), or its address")
    .argument('[command...]', 'a command to run instead of a shell (after --)')
    .requiredOption('-f, --file <inventory>', 'inventory file (YAML)')
    .option('--sudo', 'as root: sudo for a login that is not root, with the sudo password given')
    .option('-y, --yes', "trust the host's key if it is seen for the first time")
    .option(
      '--record <file.cast>',
      'keep a transcript of what the session shows (asciicast v2, secrets hidden)',
    )
    .action(async (name: string, command: string[], flags: SshFlags) => {
      process.exitCode = await ssh(name, command, flags);
    });
}

async function ssh(name: string, command: readonly string[], flags: SshFlags): Promise<number> {
  const inventory = await loadInventoryOrExplain(flags.file);
  if (!inventory) return 2;
  const found = findHost(inventory, name);
  if ('error' in found) {
    process.stderr.write(`swarmlab ssh: ${terminalSafe(found.error)}\n`);
    return 2;
  }
  const access = await accessHost(inventory, found.host, {
    yes: flags.yes === true,
    sudo: flags.sudo === true,
  });
  if (!access) return NOT_RUN_EXIT;
  let connection: OpenConnection;
  try {
    connection = await access.withLogin((target) =>
      openConnection(target, found.host.id, access.connect),
    );
  } catch (error) {
    process.stderr.write(`swarmlab ssh: ${terminalSafe(messageOf(error))}\n`);
    return NOT_RUN_EXIT;
  }
  const transcript = flags.record
    ? await startTranscript(flags.record, access, command.join(' '))
    : undefined;
  try {
    return await runOn(connection, access, command.join(' '), flags.sudo === true, transcript);
  } finally {
    closeConnection(connection);
    if (transcript) {
      await transcript.close();
      process.stderr.write(`Transcript: ${transcript.path}\n`);
    }
  }
}

/** A transcript of the session, its title the host and the command (if one). */
function startTranscript(
  file: string,
  access: HostAccess,
  command: string,
): Promise<TranscriptWriter> {
  const host = access.host;
  return TranscriptWriter.create(
    resolve(file),
    {
      cols: process.stdout.columns || 80,
      rows: process.stdout.rows || 24,
      title: `${host.id} (${host.user}@${host.address}:${host.port})${command ? ` ${command}` : ''}`,
      term: process.env.TERM || REMOTE_TERM,
      startedAt: new Date(),
    },
    new Redactor(access.secrets()),
  );
}

/**
 * The remote command line, and what stdin must start with for it. A root login needs no sudo; a
 * known sudo password is given on stdin (`-S`) when there is no pty, and answered at its own
 * prompt when there is one (the pty turns echo off for it); without one, sudo asks the person.
 */
export function remoteCommand(
  command: string,
  sudo: { wanted: boolean; asRoot: boolean; password: string | undefined; pty: boolean },
): { line: string; passwordFirst: boolean; promptMarker?: string } {
  if (!sudo.wanted || sudo.asRoot) return { line: command, passwordFirst: false };
  const what = command === '' ? '-i' : `-- sh -c ${shellQuote(command)}`;
  if (sudo.password === undefined) return { line: `sudo ${what}`, passwordFirst: false };
  if (sudo.pty) {
    const promptMarker = SudoPromptAnswerer.marker;
    return {
      line: `sudo -p ${shellQuote(promptMarker)} ${what}`,
      passwordFirst: false,
      promptMarker,
    };
  }
  return { line: `sudo -k -S -p '' ${what}`, passwordFirst: true };
}

/** Opens the channel, wires it to this process's terminal or pipes, and waits for its end. */
async function runOn(
  connection: OpenConnection,
  access: HostAccess,
  command: string,
  sudo: boolean,
  transcript: TranscriptWriter | undefined,
): Promise<number> {
  const stdin = process.stdin;
  // Like ssh: a pty for a shell typed into a terminal, none for a command or a pipe.
  const pty = command === '' && stdin.isTTY === true && process.stdout.isTTY === true;
  const target = access.host;
  const sudoPassword = sudo ? access.target().sudoPassword : undefined;
  const remote = remoteCommand(command, {
    wanted: sudo,
    asRoot: target.user === 'root',
    password: sudoPassword,
    pty,
  });
  const window: PseudoTtyOptions = {
    term: process.env.TERM || REMOTE_TERM,
    rows: process.stdout.rows || 24,
    cols: process.stdout.columns || 80,
  };
  const channel = await new Promise<ClientChannel>((resolve, reject) => {
    const opened = (error: Error | undefined, stream: ClientChannel) =>
      error ? reject(error) : resolve(stream);
    if (remote.line === '') {
      if (pty) connection.client.shell(window, opened);
      else connection.client.shell(false, opened);
    } else {
      connection.client.exec(remote.line, pty ? { pty: window } : {}, opened);
    }
  });
  if (remote.passwordFirst) channel.write(`${sudoPassword ?? ''}\n`);
  const answerer =
    remote.promptMarker && sudoPassword !== undefined
      ? new SudoPromptAnswerer(sudoPassword, (text) => channel.write(text))
      : undefined;
  return pipeChannel(channel, { pty, answerer, transcript });
}

/** Both ways until the channel closes: its exit code, or 255 when it gave none. */
function pipeChannel(
  channel: ClientChannel,
  options: {
    pty: boolean;
    answerer: SudoPromptAnswerer | undefined;
    transcript: TranscriptWriter | undefined;
  },
): Promise<number> {
  const stdin = process.stdin;
  const { pty, answerer, transcript } = options;
  // Text from a host is untrusted: a command's output to a terminal is made safe to show.
  // A pty shell is the person's own terminal session and passes through as it is.
  const show = (stream: NodeJS.WriteStream) => {
    const untrusted = !pty && stream.isTTY;
    if (!answerer && !untrusted) {
      return (chunk: Buffer) => {
        transcript?.output(chunk);
        stream.write(chunk);
      };
    }
    // A character split between two chunks is decoded whole.
    const decoder = new StringDecoder('utf8');
    return (chunk: Buffer) => {
      const text = decoder.write(chunk);
      const shown = answerer ? answerer.filter(text) : text;
      transcript?.output(Buffer.from(shown));
      stream.write(untrusted ? terminalSafe(shown) : shown);
    };
  };
  channel.on('data', show(process.stdout));
  channel.stderr.on('data', show(process.stderr));
  const resize = () => {
    channel.setWindow(process.stdout.rows, process.stdout.columns, 0, 0);
    transcript?.resize({ cols: process.stdout.columns, rows: process.stdout.rows });
  };
  const forward = (chunk: Buffer) => channel.write(chunk);
  if (pty) {
    stdin.setRawMode(true);
    process.stdout.on('resize', resize);
  }
  if (pty || !stdin.isTTY) {
    stdin.on('data', forward);
    stdin.once('end', () => channel.end());
    stdin.resume();
  } else {
    // A command typed at a terminal reads no input, as with `ssh -n`.
    channel.end();
  }
  return new Promise((resolve) => {
    let code: number | undefined;
    channel.on('exit', (exitCode: number | null) => {
      code = exitCode ?? undefined;
    });
    channel.on('close', () => {
      stdin.off('data', forward);
      stdin.pause();
      if (pty) {
        stdin.setRawMode(false);
        process.stdout.off('resize', resize);
      }
      resolve(code ?? NOT_RUN_EXIT);
    });
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
