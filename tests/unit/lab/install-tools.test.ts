import { describe, expect, it } from 'vitest';
import {
  ensureTools,
  planToolInstall,
  type ToolInstallIo,
} from '../../../electron/engine/lab/install-tools';
import { LabPreflightError, type RequiredTool } from '../../../electron/engine/lab/preflight';

const nspawn: RequiredTool = { command: 'systemd-nspawn', debianPackage: 'systemd-container' };
const debootstrap: RequiredTool = { command: 'debootstrap', debianPackage: 'debootstrap' };
const ip: RequiredTool = { command: 'ip', debianPackage: 'iproute2' };
const font: RequiredTool = {
  file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  debianPackage: 'fonts-wqy-microhei',
};
const todaysMessage =
  'the lab needs systemd-nspawn, debootstrap; install with: apt-get install systemd-container debootstrap';

describe('planToolInstall', () => {
  it('does nothing when no tool is missing', () => {
    expect(planToolInstall([], { root: true, aptGet: true })).toEqual({ action: 'none' });
    expect(planToolInstall([], { root: false, aptGet: false })).toEqual({ action: 'none' });
  });

  it('installs exactly the missing packages, without recommends, as root where apt-get is', () => {
    expect(planToolInstall([nspawn, debootstrap], { root: true, aptGet: true })).toEqual({
      action: 'install',
      packages: ['systemd-container', 'debootstrap'],
      commands: [
        ['apt-get', 'update', '-q'],
        ['apt-get', 'install', '-y', '--no-install-recommends', 'systemd-container', 'debootstrap'],
      ],
    });
  });

  it('names a package once when it ships several missing tools', () => {
    const ss: RequiredTool = { command: 'ss', debianPackage: 'iproute2' };
    const plan = planToolInstall([ip, ss], { root: true, aptGet: true });
    expect(plan.action === 'install' && plan.packages).toEqual(['iproute2']);
  });

  it('keeps recommends when asked to (the bench installs Chromium and Ansible that way)', () => {
    const plan = planToolInstall([font], { root: true, aptGet: true }, { withRecommends: true });
    expect(plan.action === 'install' && plan.commands.at(-1)).toEqual([
      'apt-get',
      'install',
      '-y',
      'fonts-wqy-microhei',
    ]);
  });

  it("keeps today's message when not root", () => {
    expect(planToolInstall([nspawn, debootstrap], { root: false, aptGet: true })).toEqual({
      action: 'refuse',
      message: todaysMessage,
    });
  });

  it("keeps today's message where there is no apt-get", () => {
    expect(planToolInstall([nspawn, debootstrap], { root: true, aptGet: false })).toEqual({
      action: 'refuse',
      message: todaysMessage,
    });
  });
});

/** A machine where installing a package makes its tools appear. */
function fakeMachine(options: { root: boolean; aptGet: boolean; installs?: boolean }) {
  const installed = new Set<string>();
  const ran: string[] = [];
  const io: ToolInstallIo = {
    missing: async (tools) => tools.filter((tool) => !installed.has(tool.debianPackage)),
    machine: async () => ({ root: options.root, aptGet: options.aptGet }),
    run: async (argv) => {
      ran.push(argv.join(' '));
      if (argv[1] === 'install' && options.installs !== false) {
        for (const name of argv.slice(2).filter((arg) => !arg.startsWith('-'))) installed.add(name);
      }
    },
  };
  return { io, ran };
}

describe('ensureTools', () => {
  it('says what it installs, installs it, and goes on', async () => {
    const { io, ran } = fakeMachine({ root: true, aptGet: true });
    const lines: string[] = [];
    await ensureTools([nspawn, debootstrap], (line) => lines.push(line), { io });
    expect(ran).toEqual([
      'apt-get update -q',
      'apt-get install -y --no-install-recommends systemd-container debootstrap',
    ]);
    expect(lines.join('\n')).toContain(
      'apt-get install -y --no-install-recommends systemd-container debootstrap',
    );
  });

  it('runs nothing when every tool is there', async () => {
    const { io, ran } = fakeMachine({ root: true, aptGet: true });
    await io.run(['apt-get', 'install', 'systemd-container']);
    ran.length = 0;
    await ensureTools([nspawn], () => undefined, { io });
    expect(ran).toEqual([]);
  });

  it("refuses with today's message and runs nothing when it may not install", async () => {
    const { io, ran } = fakeMachine({ root: false, aptGet: true });
    const attempt = ensureTools([nspawn, debootstrap], () => undefined, { io });
    await expect(attempt).rejects.toThrow(LabPreflightError);
    await expect(attempt).rejects.toThrow(todaysMessage);
    expect(ran).toEqual([]);
  });

  it('fails naming what is still missing when the install did not provide it', async () => {
    const { io } = fakeMachine({ root: true, aptGet: true, installs: false });
    await expect(ensureTools([debootstrap], () => undefined, { io })).rejects.toThrow(
      'the lab needs debootstrap; install with: apt-get install debootstrap',
    );
  });
});
