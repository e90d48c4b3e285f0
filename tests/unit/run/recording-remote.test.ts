import { describe, expect, it } from 'vitest';
import type { HostConnection } from '../../../electron/engine/run/connection';
import type { PlanHostSummary, StepPhase } from '../../../electron/shared/plan';
import type { RunEventInput } from '../../../electron/shared/run-events';
import { stepKey } from '../../../electron/engine/run/journal';
import { CommandRecorder } from '../../../electron/engine/run/recording-remote';
import { Redactor } from '../../../electron/engine/redact';
import { StepFailure } from '../../../electron/engine/steps/step';

const hosts: PlanHostSummary[] = ['a', 'b'].map((id, index) => ({
  id,
  address: `10.0.0.${index + 1}`,
  port: 22,
  user: 'root',
  role: index === 0 ? 'manager' : 'worker',
}));

const SECRET = 'hunter2-join-token';

/** Answers every command with output that splits the secret across two chunks. */
function connection(exitCode: number): HostConnection {
  return {
    exec: async (script, options) => {
      if (script.startsWith('cat -- '))
        return { exitCode: 3, stdout: '', stderr: '', durationMs: 1 };
      options.onStdout?.(`token ${SECRET.slice(0, 7)}`);
      options.onStdout?.(`${SECRET.slice(7)} done\n`);
      options.onStderr?.('warning\n');
      return { exitCode, stdout: '', stderr: `last words ${SECRET}`, durationMs: 7 };
    },
    uploadFile: async () => {},
  };
}

function recorder(exitCode = 0) {
  const events: RunEventInput[] = [];
  const phases = new Map<string, StepPhase>([[stepKey('a', 'join'), 'apply']]);
  const commands = new CommandRecorder({
    hosts,
    connections: { connectionFor: () => connection(exitCode) },
    secrets: new Redactor([SECRET]),
    // Collected as emitted: the recorder's own filtering is what keeps the secret out here.
    emit: (event) => events.push(event),
    signal: new AbortController().signal,
    phases,
  });
  return { events, commands };
}

describe('CommandRecorder', () => {
  it('records each command as started, output and finished, numbered across hosts, with the phase and the host it is for', async () => {
    const { events, commands } = recorder();
    await commands.remoteFor('b', 'join', 'a').exec('docker swarm join-token -q worker');
    await commands.remoteFor('a', 'join', 'a').exec('true', { sudo: true, quiet: true });

    expect(events).toEqual([
      {
        type: 'command-started',
        host: 'b',
        step: 'join',
        commandId: 1,
        command: 'docker swarm join-token -q worker',
        sudo: false,
        phase: 'apply',
        forHost: 'a',
      },
      {
        type: 'command-output',
        host: 'b',
        step: 'join',
        commandId: 1,
        stream: 'stdout',
        text: 'token ',
      },
      {
        type: 'command-output',
        host: 'b',
        step: 'join',
        commandId: 1,
        stream: 'stdout',
        text: '[REDACTED] done\n',
      },
      {
        type: 'command-output',
        host: 'b',
        step: 'join',
        commandId: 1,
        stream: 'stderr',
        text: 'warning\n',
      },
      {
        type: 'command-finished',
        host: 'b',
        step: 'join',
        commandId: 1,
        exitCode: 0,
        durationMs: 7,
      },
      // Quiet: no output events, still started and finished.
      {
        type: 'command-started',
        host: 'a',
        step: 'join',
        commandId: 2,
        command: 'true',
        sudo: true,
        phase: 'apply',
      },
      {
        type: 'command-finished',
        host: 'a',
        step: 'join',
        commandId: 2,
        exitCode: 0,
        durationMs: 7,
      },
    ]);
  });

  it('says what a command finds out when the step gives its purpose', async () => {
    const { events, commands } = recorder();
    const purpose = { en: 'reads the hostname', 'zh-CN': '读取主机名' };
    await commands.remoteFor('a', 'join', 'a').exec('hostname', { purpose });
    await commands.remoteFor('a', 'join', 'a').exec('true');
    const started = events.filter((event) => event.type === 'command-started');
    expect(started.map((event) => event.purpose)).toEqual([purpose, undefined]);
  });

  it('fails a step on a failing exit code with the redacted last words, and records uploads but not reads', async () => {
    const { events, commands } = recorder(2);
    const remote = commands.remoteFor('a', 'join', 'a');
    const failure = await remote.exec('join').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StepFailure);
    expect((failure as StepFailure).message).toBe('`join` exited with 2: last words [REDACTED]');
    expect(await remote.exec('join', { allowFailure: true })).toMatchObject({ exitCode: 2 });

    events.length = 0;
    await remote.uploadFile('/etc/swarmlab.conf', 'key=value\n', { mode: 0o600, owner: 'root' });
    expect(await remote.readFile('/etc/missing')).toBeNull();
    expect(events).toEqual([
      {
        type: 'command-started',
        host: 'a',
        step: 'join',
        commandId: 3,
        command: '# write /etc/swarmlab.conf (mode 0600, 10 bytes) over SFTP',
        sudo: false,
        upload: {
          path: '/etc/swarmlab.conf',
          mode: '0600',
          bytes: 10,
          owner: 'root',
          content: 'key=value\n',
        },
        phase: 'apply',
      },
      expect.objectContaining({ type: 'command-finished', commandId: 3, exitCode: 0 }),
    ]);
  });
});
