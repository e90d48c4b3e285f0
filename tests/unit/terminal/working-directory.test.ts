/** The shell's directory from OSC 7, for the file panel to open at. */
import { describe, expect, it } from 'vitest';
import { pathOf, WorkingDirectory } from '../../../electron/engine/terminal/working-directory';

const osc7 = (url: string, end = '\u0007') => Buffer.from(`\u001b]7;${url}${end}`, 'utf8');

describe('WorkingDirectory', () => {
  it('takes the latest announcement, ended by BEL or ST, amid other output', () => {
    const cwd = new WorkingDirectory();
    expect(cwd.current).toBeUndefined();
    cwd.push(Buffer.concat([Buffer.from('ls\r\n'), osc7('file://node01/root'), Buffer.from('$ ')]));
    expect(cwd.current).toBe('/root');
    cwd.push(Buffer.concat([osc7('file://node01/tmp', '\u001b\\'), osc7('file://node01/srv/app')]));
    expect(cwd.current).toBe('/srv/app');
  });

  it('reads an announcement split across chunks anywhere, and a UTF-8 path percent-encoded or not', () => {
    const cwd = new WorkingDirectory();
    const bytes = osc7('file://node01/home/%E4%B8%AD%E6%96%87/my%20dir');
    for (const cut of [1, 3, 9, bytes.length - 1]) {
      const split = new WorkingDirectory();
      split.push(bytes.subarray(0, cut));
      split.push(bytes.subarray(cut));
      expect(split.current).toBe('/home/中文/my dir');
    }
    cwd.push(osc7('file://node01/home/中文'));
    expect(cwd.current).toBe('/home/中文');
  });

  it('ignores what is not a file URL with an absolute path, and holds back no more than a bounded start', () => {
    const cwd = new WorkingDirectory();
    cwd.push(osc7('http://example.com/x'));
    cwd.push(osc7('file://node01'));
    cwd.push(osc7('file://node01/a%00b'));
    expect(cwd.current).toBeUndefined();
    cwd.push(Buffer.from(`\u001b]7;file://node01/${'x'.repeat(5000)}`));
    cwd.push(osc7('file://node01/ok'));
    expect(cwd.current).toBe('/ok');
    expect(pathOf('file:///var/lib/docker')).toBe('/var/lib/docker');
  });
});
