/**
 * The real backends: a node over the engine's ssh2 connection, a node through OpenSSH's
 * client in a local pty, or the operator's own shell in a local pty.
 */
import { homedir } from 'node:os';
import { knownHostsPath } from '../../engine/app-paths';
import { KnownHostsStore } from '../../engine/ssh';
import { endpointLabel } from '../../engine/ssh/types';
import { SshShell } from '../../engine/terminal/ssh-shell';
import { nodeTarget } from './node-target';
import { PtyBackend } from './pty-backend';
import type { SpawnPty } from './spawn-pty';
import { systemSshArgs } from './system-ssh';
import type { BackendFactory } from './terminal-manager';

/** Connection attempts give up after this; the person can press Enter to try again. */
const CONNECT_TIMEOUT_MS = 15_000;

export function realBackends(env: NodeJS.ProcessEnv, spawn: SpawnPty): BackendFactory {
  return {
    async create(request, sink) {
      if (request.kind === 'local') {
        return {
          backend: new PtyBackend(
            spawn,
            {
              file: env.SHELL || '/bin/bash',
              args: [],
              cwd: env.HOME || homedir(),
              env: terminalEnv(env),
            },
            sink,
          ),
          info: { kind: 'local', via: 'pty', label: 'local' },
        };
      }
      const { host, target, keyPair } = await nodeTarget(request.inventory, request.node, env);
      const info = {
        kind: 'node' as const,
        via: request.via,
        label: endpointLabel(target),
        hostId: host.id,
        role: host.role,
      };
      if (request.via === 'system-ssh') {
        const args = systemSshArgs(target, {
          appKeyPath: keyPair?.privateKeyPath,
          knownHostsPath: knownHostsPath(env),
        });
        return {
          backend: new PtyBackend(
            spawn,
            { file: 'ssh', args, cwd: env.HOME || homedir(), env: terminalEnv(env) },
            sink,
          ),
          info,
        };
      }
      const shell = new SshShell(
        target,
        {
          // Keys are trusted by the person in the wizard (or by ssh's own question, above).
          hostKeyPolicy: 'strict',
          knownHosts: new KnownHostsStore(knownHostsPath(env)),
          readyTimeoutMs: CONNECT_TIMEOUT_MS,
          env,
        },
        sink,
      );
      return { backend: shell, info };
    },
  };
}

/** The app's environment minus Electron's own switches, plus what xterm.js is. */
function terminalEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || key.startsWith('ELECTRON_')) continue;
    result[key] = value;
  }
  result.TERM = 'xterm-256color';
  result.COLORTERM = 'truecolor';
  return result;
}
