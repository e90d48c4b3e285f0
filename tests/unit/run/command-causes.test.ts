import { describe, expect, it } from 'vitest';
import {
  fixForFailedCommand,
  withoutCauseMarks,
} from '../../../electron/engine/run/command-causes';
import { APT_SOURCE_MARK } from '../../../electron/engine/shell/package-locks';

describe('the fix a failed command’s output names', () => {
  it('names the file apt could not parse, in one-line and deb822 formats', () => {
    const fix = fixForFailedCommand(
      [
        'E: Malformed entry 1 in list file /etc/apt/sources.list.d/broken.list (Component)',
        'E: The list of sources could not be read.',
      ].join('\n'),
    );
    expect(fix?.en).toContain('listed in /etc/apt/sources.list.d/broken.list: fix or remove');
    expect(fix?.['zh-CN']).toContain('/etc/apt/sources.list.d/broken.list');
    expect(
      fixForFailedCommand('E: Malformed stanza 2 in source file /etc/apt/sources.list.d/x.sources')
        ?.en,
    ).toContain('/etc/apt/sources.list.d/x.sources');
  });

  it('names the files apt_update found for the repositories apt refused', () => {
    const output = [
      "E: The repository 'http://10.9.9.9/debian bookworm Release' does not have a Release file.",
      `${APT_SOURCE_MARK} http://10.9.9.9/debian /etc/apt/sources.list.d/lab.list`,
      `${APT_SOURCE_MARK} http://10.9.9.9/debian /etc/apt/sources.list`,
    ].join('\n');
    expect(fixForFailedCommand(output)?.en).toContain(
      'listed in /etc/apt/sources.list, /etc/apt/sources.list.d/lab.list: fix or remove those entries',
    );
    // The marks are for the fix; the failure's detail shows apt's own words.
    expect(withoutCauseMarks(output.split('\n'))).toEqual([output.split('\n')[0]]);
  });

  it('says nothing for output it does not know', () => {
    expect(fixForFailedCommand('E: Unable to locate package docker-ce')).toBeUndefined();
  });
});
