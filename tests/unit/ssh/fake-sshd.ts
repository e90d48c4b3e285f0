/**
 * A real SSH server (ssh2's Server) on 127.0.0.1 for unit tests. Commands run in
 * a local /bin/sh, so exit codes, streaming and stdin are real; `sudo` is a
 * small shell script on PATH that behaves like `sudo -n` / `sudo -S` and logs
 * the password line it read from stdin, so tests can prove where it travelled.
 */
import { spawn } from 'node:child_process';
import { closeSync, constants, openSync, unlinkSync, writeSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, connect as netConnect } from 'node:net';
import type { Server as NetServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuthContext, Connection, ServerChannel, SFTPWrapper } from 'ssh2';
import { Server, utils } from 'ssh2';

export type FakeSudoMode = 'nopasswd' | 'password' | 'denied' | 'missing';

export interface FakeSshdOptions {
  /** Host private key (OpenSSH format); a fresh ed25519 key when omitted. */
  hostKey?: string;
  users: Record<string, { password: string; publicKey?: string }>;
  /** Which auth methods the server takes. Default: password only. */
  methods?: Array<'password' | 'keyboard-interactive' | 'publickey'>;
  sudo?: { mode: FakeSudoMode; password?: string };
  /** The first this many password attempts drop the connection, as a dying sshd child would. */
  hangUpOnPasswordAttempts?: number;
  /** Sent before authentication, as sshd sends a Banner or what PAM said. */
  banner?: string;
  /**
   * Plays the host instead of the local shell: every command gets this answer, and SFTP is
   * refused, so a scripted host never touches this machine. A command it does not answer
   * (undefined) exits 127.
   */
  answer?: (command: string) => FakeAnswer | undefined;
  /**
   * Refuse a session channel (exec, shell, sftp) while this many are open on its connection, as
   * sshd's MaxSessions does. Like sshd, a closed session frees its place a moment after the
   * close (sshd collects closed channels at the end of its loop), not at once.
   */
  maxSessions?: number;
}

/** What a scripted host answers to one command. */
export interface FakeAnswer {
  stdout?: string;
  stderr?: string;
  /** null: the channel closes without an exit status (as when sshd's child is killed). */
  exitCode: number | null;
}

export interface AuthAttempt {
  username: string;
  method: string;
  /** What the client sent as password (password or keyboard-interactive answer). */
  secret?: string;
}

const FAKE_SUDO = `#!/bin/sh
# Test double for sudo: options as swarmlab sends them, behaviour from FAKE_SUDO_*.
noninteractive=0
while [ $# -gt 0 ]; do
  case "$1" in
    -n) noninteractive=1 ;;
    -k|-S) ;;
    -p) shift ;;
    --) shift; break ;;
    -*) ;;
    *) break ;;
  esac
  shift
done
case "$FAKE_SUDO_MODE" in
  nopasswd) exec "$@" ;;
  missing) echo "sh: 1: sudo: not found" >&2; exit 127 ;;
esac
if [ "$noninteractive" = 1 ]; then echo "sudo: a password is required" >&2; exit 1; fi
IFS= read -r password || password=''
printf '%s\\n' "$password" >> "$FAKE_SUDO_LOG"
if [ "$password" != "$FAKE_SUDO_PASSWORD" ]; then
  echo "Sorry, try again." >&2
  echo "sudo: 1 incorrect password attempt" >&2
  exit 1
fi
if [ "$FAKE_SUDO_MODE" = denied ]; then echo "$USER is not in the sudoers file." >&2; exit 1; fi
exec "$@"
`;

/**
 * An ed25519 key pair from ssh2. Now and then ssh2 writes a private key that its
 * own parser rejects ("Malformed OpenSSH private key"), so we retry.
 */
export function generateEd25519Key(): { private: string; public: string } {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const pair = utils.generateKeyPairSync('ed25519');
    const parsed = utils.parseKey(pair.private);
    if (!(parsed instanceof Error)) return pair;
  }
  throw new Error('could not generate a usable ed25519 key');
}

export class FakeSshd {
  readonly authAttempts: AuthAttempt[] = [];
  readonly commands: string[] = [];
  readonly forwards: Array<{ host: string; port: number }> = [];
  /** Session channels refused under `maxSessions`, and the most a client had open at once. */
  refusedSessions = 0;
  peakSessions = 0;
  port = 0;
  readonly hostKey: string;
  private readonly tcp: NetServer;
  private readonly ssh: Server;
  private readonly sockets = new Set<Socket>();
  private workDir = '';

  constructor(private readonly options: FakeSshdOptions) {
    this.hostKey = options.hostKey ?? generateEd25519Key().private;
    this.ssh = new Server(
      { hostKeys: [this.hostKey], ...(options.banner ? { banner: options.banner } : {}) },
      (client) => this.serve(client),
    );
    this.tcp = createServer((socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      this.ssh.injectSocket(socket);
    });
  }

  /** Where the fake sudo logs the password lines it read. */
  get sudoLogPath(): string {
    return join(this.workDir, 'sudo.log');
  }

  async start(port = 0): Promise<this> {
    this.workDir = await mkdtemp(join(tmpdir(), 'swarmlab-fake-sshd-'));
    await writeFile(join(this.workDir, 'sudo'), FAKE_SUDO);
    await chmod(join(this.workDir, 'sudo'), 0o755);
    await writeFile(this.sudoLogPath, '');
    await new Promise<void>((resolve) => this.tcp.listen(port, '127.0.0.1', resolve));
    const address = this.tcp.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    this.port = address.port;
    return this;
  }

  /** Cuts every TCP connection abruptly, as a network failure or reboot would. */
  dropConnections(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  async stop(): Promise<void> {
    this.dropConnections();
    await new Promise<void>((resolve) => this.tcp.close(() => resolve()));
    await rm(this.workDir, { recursive: true, force: true });
  }

  private serve(client: Connection): void {
    client.on('error', () => undefined);
    client.on('authentication', (context) => this.authenticate(context));
    client.on('ready', () => {
      // Sessions the client has open, and those still holding a place (freed a moment later).
      let openSessions = 0;
      let heldSessions = 0;
      client.on('session', (acceptSession, rejectSession) => {
        if (heldSessions >= (this.options.maxSessions ?? Infinity)) {
          this.refusedSessions += 1;
          rejectSession();
          return;
        }
        openSessions += 1;
        heldSessions += 1;
        this.peakSessions = Math.max(this.peakSessions, openSessions);
        const session = acceptSession();
        session.once('close', () => {
          openSessions -= 1;
          setImmediate(() => (heldSessions -= 1));
        });
        session.on('exec', (accept, _reject, info) => this.exec(accept(), info.command));
        session.on('signal', (accept) => accept?.());
        session.on('sftp', (accept, reject) => {
          if (this.options.answer) reject();
          else serveSftp(accept());
        });
      });
      client.on('tcpip', (accept, _reject, info) => {
        this.forwards.push({ host: info.destIP, port: info.destPort });
        const channel = accept();
        const socket = netConnect(info.destPort, info.destIP);
        socket.on('error', () => channel.close());
        channel.on('close', () => socket.destroy());
        channel.pipe(socket).pipe(channel);
      });
    });
  }

  private authenticate(context: AuthContext): void {
    const methods = this.options.methods ?? ['password'];
    const user = this.options.users[context.username];
    const attempt: AuthAttempt = { username: context.username, method: context.method };
    this.authAttempts.push(attempt);
    if (context.method === 'password' && methods.includes('password')) {
      attempt.secret = context.password;
      const passwordAttempts = this.authAttempts.filter((seen) => seen.method === 'password');
      if (passwordAttempts.length <= (this.options.hangUpOnPasswordAttempts ?? 0)) {
        this.dropConnections();
        return;
      }
      if (user && context.password === user.password) return context.accept();
    } else if (context.method === 'publickey' && methods.includes('publickey') && user?.publicKey) {
      const allowed = utils.parseKey(user.publicKey);
      if (!(allowed instanceof Error) && !Array.isArray(allowed)) {
        const sameKey =
          context.key.algo === allowed.type && context.key.data.equals(allowed.getPublicSSH());
        // Without a signature the client only asks whether the key would do.
        if (sameKey && !context.signature) return context.accept();
        if (sameKey && context.blob && context.signature) {
          if (allowed.verify(context.blob, context.signature, context.hashAlgo) === true) {
            return context.accept();
          }
        }
      }
    } else if (
      context.method === 'keyboard-interactive' &&
      methods.includes('keyboard-interactive')
    ) {
      context.prompt([{ prompt: 'Password: ', echo: false }], 'login', (answers) => {
        attempt.secret = answers[0];
        if (user && answers[0] === user.password) context.accept();
        else context.reject(methods);
      });
      return;
    }
    context.reject(methods);
  }

  private exec(channel: ServerChannel, command: string): void {
    this.commands.push(command);
    if (this.options.answer) {
      this.answerScripted(channel, command, this.options.answer);
      return;
    }
    const sudo = this.options.sudo ?? { mode: 'missing' };
    const child = spawn('/bin/sh', ['-c', command], {
      env: {
        ...process.env,
        PATH: `${this.workDir}:${process.env.PATH ?? '/usr/bin:/bin'}`,
        FAKE_SUDO_MODE: sudo.mode,
        FAKE_SUDO_PASSWORD: sudo.password ?? '',
        FAKE_SUDO_LOG: this.sudoLogPath,
        USER: 'tester',
      },
      detached: true,
    });
    channel.pipe(child.stdin).on('error', () => undefined);
    child.stdout.pipe(channel, { end: false });
    child.stderr.pipe(channel.stderr, { end: false });
    const kill = (): void => {
      // The whole process group: `sh -c` may have forked the real command.
      if (child.pid !== undefined && child.exitCode === null) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
    };
    channel.on('close', kill);
    child.on('close', (code, signal) => {
      if (signal) channel.exit(signal.replace(/^SIG/, ''), false, '');
      else channel.exit(code ?? 0);
      channel.end();
    });
  }

  private answerScripted(
    channel: ServerChannel,
    command: string,
    answer: NonNullable<FakeSshdOptions['answer']>,
  ): void {
    const reply = answer(command) ?? {
      stderr: `fake-sshd: no scripted answer for ${command.slice(0, 60)}\n`,
      exitCode: 127,
    };
    // What the client sends on stdin is read and dropped, as a real command would consume it.
    channel.on('data', () => undefined);
    if (reply.stdout) channel.write(reply.stdout);
    if (reply.stderr) channel.stderr.write(reply.stderr);
    if (reply.exitCode !== null) channel.exit(reply.exitCode);
    channel.end();
  }
}

/** Just enough SFTP for uploads: OPEN (with O_EXCL), WRITE, CLOSE, REMOVE, on the local disk. */
function serveSftp(sftp: SFTPWrapper): void {
  const { OPEN_MODE, STATUS_CODE } = utils.sftp;
  const handles = new Map<number, number>();
  let nextHandle = 1;
  const handleOf = (buffer: Buffer): number | undefined =>
    buffer.length === 4 ? handles.get(buffer.readUInt32BE(0)) : undefined;
  sftp.on('OPEN', (reqId, filename, flags, attrs) => {
    let fsFlags = 0;
    if (flags & OPEN_MODE.WRITE) fsFlags |= constants.O_WRONLY;
    if (flags & OPEN_MODE.CREAT) fsFlags |= constants.O_CREAT;
    if (flags & OPEN_MODE.EXCL) fsFlags |= constants.O_EXCL;
    if (flags & OPEN_MODE.TRUNC) fsFlags |= constants.O_TRUNC;
    try {
      const fd = openSync(filename, fsFlags, typeof attrs.mode === 'number' ? attrs.mode : 0o644);
      const id = nextHandle++;
      handles.set(id, fd);
      const handle = Buffer.alloc(4);
      handle.writeUInt32BE(id, 0);
      sftp.handle(reqId, handle);
    } catch {
      sftp.status(reqId, STATUS_CODE.FAILURE);
    }
  });
  sftp.on('WRITE', (reqId, handle, offset, data) => {
    const fd = handleOf(handle);
    if (fd === undefined) return sftp.status(reqId, STATUS_CODE.FAILURE);
    writeSync(fd, data, 0, data.length, offset);
    sftp.status(reqId, STATUS_CODE.OK);
  });
  sftp.on('FSTAT', (reqId) => sftp.status(reqId, STATUS_CODE.OP_UNSUPPORTED));
  sftp.on('FSETSTAT', (reqId) => sftp.status(reqId, STATUS_CODE.OK));
  sftp.on('CLOSE', (reqId, handle) => {
    const fd = handleOf(handle);
    if (fd === undefined) return sftp.status(reqId, STATUS_CODE.FAILURE);
    closeSync(fd);
    handles.delete(handle.readUInt32BE(0));
    sftp.status(reqId, STATUS_CODE.OK);
  });
  sftp.on('REMOVE', (reqId, path) => {
    try {
      unlinkSync(path);
      sftp.status(reqId, STATUS_CODE.OK);
    } catch {
      sftp.status(reqId, STATUS_CODE.NO_SUCH_FILE);
    }
  });
}
