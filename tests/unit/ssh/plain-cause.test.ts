import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  CommandTimeoutError,
  ConnectError,
} from '../../../electron/engine/ssh/errors';
import { plainCause, plainMessage } from '../../../electron/engine/ssh/plain-cause';

/** A socket error as Node raises it, under the SSH layer's own. */
function socketError(code: string, message: string): ConnectError {
  const cause = Object.assign(new Error(message), { code });
  return new ConnectError(
    'root@10.0.0.9:2222',
    `Cannot connect to root@10.0.0.9:2222: ${message}`,
    {
      cause,
    },
  );
}

describe('plain causes of common failures', () => {
  it('tells a host that does not answer from a port with no sshd and a name that does not resolve', () => {
    expect(plainCause(socketError('EHOSTUNREACH', 'connect EHOSTUNREACH 10.0.0.9:2222'))).toEqual({
      cause: {
        en: 'nothing answered at root@10.0.0.9:2222',
        'zh-CN': 'root@10.0.0.9:2222 没有任何应答',
      },
      fix: {
        en: expect.stringContaining('no firewall drops port 2222'),
        'zh-CN': expect.stringContaining('端口 2222'),
      },
    });
    expect(plainCause(socketError('ECONNREFUSED', 'connect ECONNREFUSED'))?.cause.en).toBe(
      'root@10.0.0.9:2222 answered, but nothing listens for SSH on port 2222',
    );
    expect(plainCause(socketError('ENOTFOUND', 'getaddrinfo ENOTFOUND node9'))?.cause.en).toBe(
      'the name 10.0.0.9 does not resolve',
    );
  });

  it('finds the code in the message when the cause does not carry it', () => {
    const bare = new ConnectError(
      'root@node1',
      'Cannot connect to root@node1: connect ENETUNREACH',
    );
    expect(plainCause(bare)?.cause['zh-CN']).toBe('root@node1 没有任何应答');
  });

  it('says a refused login plainly, keeping the methods tried as the detail', () => {
    const refused = new AuthenticationError('root@10.0.0.9', ['password: refused'], ['publickey']);
    const message = plainMessage(refused);
    expect(message?.en).toMatch(/^the host refused the login — check the user and its password/);
    expect(message?.en).toContain(
      '(Authentication to root@10.0.0.9 failed. Tried: password: refused.',
    );
    expect(message?.['zh-CN']).toMatch(/^主机拒绝了登录——/);
  });

  it('leaves other errors in their own words', () => {
    expect(plainCause(new CommandTimeoutError('root@h', 1000, '', ''))).toBeUndefined();
    expect(plainCause(new Error('anything'))).toBeUndefined();
    expect(plainCause(socketError('EPIPE', 'write EPIPE'))).toBeUndefined();
  });
});
