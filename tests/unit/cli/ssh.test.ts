/** `swarmlab ssh`: which host a name means, the remote command line with sudo, the sudo prompt. */
import { describe, expect, it } from 'vitest';
import { findHost } from '../../../electron/cli/host-access';
import { remoteSpec } from '../../../electron/cli/commands/cp';
import { remoteCommand } from '../../../electron/cli/commands/ssh';
import { SudoPromptAnswerer } from '../../../electron/cli/commands/sudo-prompt';
import { validInventory } from '../../integration/helpers';

const inventory = validInventory({
  hosts: [
    { address: '10.0.0.1', hostname: 'node01', role: 'manager', password: 'pw' },
    { address: '10.0.0.2', role: 'worker', password: 'pw' },
    { address: '10.0.0.9', port: 2201, role: 'worker', password: 'pw' },
    { address: '10.0.0.9', port: 2202, role: 'worker', password: 'pw' },
  ],
});

describe('findHost', () => {
  it('takes the inventory name, the address, or address:port', () => {
    const found = (name: string) => {
      const result = findHost(inventory, name);
      return 'host' in result ? result.host.index : result.error;
    };
    expect(found('node01')).toBe(0);
    expect(found('10.0.0.1')).toBe(0);
    expect(found('10.0.0.2')).toBe(1);
    expect(found('10.0.0.9:2202')).toBe(3);
    expect(found('10.0.0.9')).toBe('10.0.0.9 is the address of 2 hosts: name one as address:port');
    expect(found('node07')).toBe(
      'node07 is not a host of this inventory; its hosts: node01 (10.0.0.1:22), 10.0.0.2 (10.0.0.2:22), 10.0.0.9:2201 (10.0.0.9:2201), 10.0.0.9:2202 (10.0.0.9:2202)',
    );
  });
});

describe('remoteCommand', () => {
  const as = (over: Partial<Parameters<typeof remoteCommand>[1]>) => ({
    wanted: true,
    asRoot: false,
    password: 's3cret',
    pty: false,
    ...over,
  });

  it('leaves the command alone without --sudo or for a root login', () => {
    expect(remoteCommand('docker ps', as({ wanted: false }))).toEqual({
      line: 'docker ps',
      passwordFirst: false,
    });
    expect(remoteCommand('', as({ asRoot: true })).line).toBe('');
  });

  it('gives a known sudo password on stdin without a pty, and never on the command line', () => {
    const command = remoteCommand("echo 'a b' | wc -c", as({}));
    expect(command).toEqual({
      line: `sudo -k -S -p '' -- sh -c 'echo '\\''a b'\\'' | wc -c'`,
      passwordFirst: true,
    });
    expect(command.line).not.toContain('s3cret');
    expect(remoteCommand('', as({})).line).toBe("sudo -k -S -p '' -i");
  });

  it('answers its own prompt in a pty, and lets sudo ask the person when no password is known', () => {
    expect(remoteCommand('', as({ pty: true }))).toEqual({
      line: `sudo -p '${SudoPromptAnswerer.marker}' -i`,
      passwordFirst: false,
      promptMarker: SudoPromptAnswerer.marker,
    });
    expect(remoteCommand('id -u', as({ password: undefined }))).toEqual({
      line: "sudo -- sh -c 'id -u'",
      passwordFirst: false,
    });
  });
});

describe('SudoPromptAnswerer', () => {
  it('types the password at the first prompt, even one split across chunks, and never shows the marker', () => {
    const sent: string[] = [];
    const answerer = new SudoPromptAnswerer('s3cret', (text) => sent.push(text));
    const marker = SudoPromptAnswerer.marker;
    const shown = [
      answerer.filter(`last login\r\n${marker.slice(0, 7)}`),
      answerer.filter(marker.slice(7)),
      answerer.filter('\r\nroot@node01:~# '),
    ].join('');
    expect(sent).toEqual(['s3cret\n']);
    expect(shown).toBe('last login\r\n\r\nroot@node01:~# ');
  });

  it('shows a second prompt (a wrong password) to the person instead of answering it again', () => {
    const sent: string[] = [];
    const answerer = new SudoPromptAnswerer('wrong', (text) => sent.push(text));
    const marker = SudoPromptAnswerer.marker;
    const shown = answerer.filter(`${marker}\r\nSorry, try again.\r\n${marker}`);
    expect(sent).toEqual(['wrong\n']);
    expect(shown).toBe('\r\nSorry, try again.\r\nPassword: ');
  });

  it('shows text that only looked like the start of a marker once the next output comes', () => {
    const answerer = new SudoPromptAnswerer('pw', () => undefined);
    expect(answerer.filter('array[')).toBe('array');
    expect(answerer.filter('0]\n')).toBe('[0]\n');
  });
});

describe('remoteSpec (swarmlab cp)', () => {
  it('reads HOST:PATH, [IPv6]:PATH and an empty path as home; a local path is not remote', () => {
    expect(remoteSpec('node01:/root/app.tar')).toEqual({ host: 'node01', path: '/root/app.tar' });
    expect(remoteSpec('10.0.0.1:notes')).toEqual({ host: '10.0.0.1', path: 'notes' });
    expect(remoteSpec('node01:')).toEqual({ host: 'node01', path: '.' });
    expect(remoteSpec('[fd00::1]:/tmp/x')).toEqual({ host: 'fd00::1', path: '/tmp/x' });
    expect(remoteSpec('./a:b')).toBeUndefined();
    expect(remoteSpec('/tmp/a:b')).toBeUndefined();
    expect(remoteSpec('app.tar')).toBeUndefined();
  });
});
