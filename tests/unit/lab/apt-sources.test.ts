import { describe, expect, it } from 'vitest';
import { parseAptSources, selectLabAptSources } from '../../../electron/engine/lab/apt-sources';
import { parseNameservers, renderResolvConf } from '../../../electron/engine/lab/resolv';

const deb822 = `Types: deb
# http://snapshot.debian.org/archive/debian/20250520T000000Z
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
`;

const thirdParty = `Types: deb
URIs: https://deb.nodesource.com/node_20.x
Suites: nodistro
Components: main
`;

describe('apt sources', () => {
  it('reads deb822 stanzas', () => {
    expect(parseAptSources(deb822, 'deb822')).toEqual([
      {
        uri: 'http://deb.debian.org/debian',
        suites: ['bookworm', 'bookworm-updates'],
        components: ['main'],
      },
      {
        uri: 'http://deb.debian.org/debian-security',
        suites: ['bookworm-security'],
        components: ['main'],
      },
    ]);
  });

  it('reads one-line entries, skipping deb-src, comments and options', () => {
    const list = [
      '# comment',
      'deb-src http://deb.debian.org/debian bookworm main',
      'deb [arch=amd64 signed-by=/k.gpg] http://mirror.example/debian bookworm main contrib',
      'deb https://packages.cloud.google.com/apt cloud-sdk-bookworm main',
    ].join('\n');
    expect(parseAptSources(list, 'list')).toEqual([
      {
        uri: 'http://mirror.example/debian',
        suites: ['bookworm'],
        components: ['main', 'contrib'],
      },
      {
        uri: 'https://packages.cloud.google.com/apt',
        suites: ['cloud-sdk-bookworm'],
        components: ['main'],
      },
    ]);
  });

  it('picks the machine mirror and the Debian suites, leaving third-party repositories out', () => {
    const sources = [
      ...parseAptSources(thirdParty, 'deb822'),
      ...parseAptSources(deb822, 'deb822'),
      ...parseAptSources(
        'deb https://packages.cloud.google.com/apt cloud-sdk-bookworm main',
        'list',
      ),
    ];
    expect(selectLabAptSources(sources)).toEqual({
      mirror: 'http://deb.debian.org/debian',
      sourcesList: [
        'deb http://deb.debian.org/debian bookworm main',
        'deb http://deb.debian.org/debian bookworm-updates main',
        'deb http://deb.debian.org/debian-security bookworm-security main',
      ],
    });
  });

  it('explains when there is no bookworm mirror', () => {
    expect(() => selectLabAptSources(parseAptSources(thirdParty, 'deb822'))).toThrow(/bookworm/);
  });
});

describe('resolv.conf', () => {
  it('keeps non-loopback nameservers only', () => {
    const conf =
      'search lan\nnameserver 127.0.0.53\nnameserver 10.255.255.53\nnameserver ::1\n nameserver 192.0.2.53 # x\n';
    expect(parseNameservers(conf)).toEqual(['10.255.255.53', '192.0.2.53']);
  });

  it('renders one nameserver line each', () => {
    expect(renderResolvConf(['10.0.0.1'])).toMatch(/\nnameserver 10\.0\.0\.1\n$/);
  });
});
