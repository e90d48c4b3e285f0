import { describe, expect, it } from 'vitest';
import { dockerSourceCheck } from '../../../electron/engine/steps/docker-install/source-check';
import { factsFixture } from './facts-fixtures';

describe('preflight: where Docker will come from', () => {
  it('refuses install: distro on CentOS 7 before anything changes, naming the sources that work', () => {
    const check = dockerSourceCheck(factsFixture('centos-7'), {
      install: 'distro',
      removeConflicting: false,
    });
    expect(check?.status).toBe('fail');
    expect(check?.detail).toBe(
      'docker.install: distro cannot work on this host: CentOS Linux 7 (Core) ships no Docker package of its own',
    );
    expect(check?.fix).toMatch(/docker\.install: mirror .*docker\.install: official/);
    // A version the source does not have for that system, too.
    const pinned = dockerSourceCheck(factsFixture('centos-7'), {
      install: 'official',
      version: '27.1',
      removeConflicting: false,
    });
    expect(pinned?.status).toBe('fail');
    expect(pinned?.detail).toMatch(/Docker 27\.1 is not built for CentOS 7/);
    expect(check?.translations?.['zh-CN'].detail).toMatch(
      /^docker\.install: distro 在这台主机上不可行：/,
    );
  });

  it('says where Docker comes from where the source works, and leaves an offline bundle to the install', () => {
    const debian = dockerSourceCheck(factsFixture('debian-12'), {
      install: 'distro',
      removeConflicting: false,
    });
    expect(debian?.status).toBe('pass');
    expect(debian?.detail).toMatch(
      /^Docker will come from docker\.io from the distribution’s repositories/,
    );
    const rocky = dockerSourceCheck(factsFixture('rocky-9'), {
      install: 'mirror',
      mirror: 'aliyun',
      removeConflicting: false,
    });
    expect(rocky?.status).toBe('pass');
    expect(
      dockerSourceCheck(factsFixture('rocky-9'), { install: 'offline', removeConflicting: false }),
    ).toBeUndefined();
  });
});
