import { describe, expect, it } from 'vitest';
import type { SecretFilter } from '../../electron/engine/run/connection';
import { isWeakSecret, REDACTED, Redactor } from '../../electron/engine/redact';

const TOKEN =
  'SWMTKN-1-3pu6hszjas19xyp7ghgosyx9k8atbfcr8p2is99znpy26u2lkl-1awxwuwd3z9j1z3puu7rcgdbx';
const UNLOCK = 'SWMKEY-1-7c37Cc8654o6p38HnroywCi19pllOnGtbdZEgtKxZu8';
const KEY = [
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
  'QyNTUxOQAAACBmZWVkZmFjZWZlZWRmYWNlZmVlZGZhY2VmZWVkZmFjZQAAAJgAAAAA',
  '-----END OPENSSH PRIVATE KEY-----',
].join('\n');
const KEY_BODY = KEY.split('\n').slice(1, 3);

/** Feeds text through a stream in the given chunk sizes (cycled) and returns the output. */
function streamed(redactor: Redactor, text: string, sizes: number[]): string {
  const stream = redactor.stream();
  let out = '';
  let position = 0;
  for (let i = 0; position < text.length; i++) {
    const size = sizes[i % sizes.length] ?? 1;
    out += stream.push(text.slice(position, position + size));
    position += size;
  }
  return out + stream.flush();
}

describe('Redactor.redact', () => {
  it('is the SecretFilter the runner expects', () => {
    const filter: SecretFilter = new Redactor(['runner-secret']);
    expect(filter.redact('x runner-secret')).toBe(`x ${REDACTED}`);
  });

  const redactor = new Redactor(['hunter2-password', 'sudo-pw-9']);

  it.each([
    ['a plain password', 'login with hunter2-password ok', `login with ${REDACTED} ok`],
    ['twice on a line', 'hunter2-passwordhunter2-password', `${REDACTED}${REDACTED}`],
    [
      'a join token',
      `docker swarm join --token ${TOKEN} 10.0.0.1:2377`,
      `docker swarm join --token SWMTKN-${REDACTED} 10.0.0.1:2377`,
    ],
    ['an unlock key', `key: ${UNLOCK}\n`, `key: SWMKEY-${REDACTED}\n`],
    ['a private key block', `before\n${KEY}\nafter`, `before\n${REDACTED}\nafter`],
    [
      'an RSA key with CRLF',
      '-----BEGIN RSA PRIVATE KEY-----\r\nMIIE\r\n-----END RSA PRIVATE KEY-----\r\nok',
      `${REDACTED}\r\nok`,
    ],
    ['an unterminated key block', `x ${KEY.split('\n').slice(0, 2).join('\n')}`, `x ${REDACTED}`],
    ['nothing secret', 'docker info: Swarm: active', 'docker info: Swarm: active'],
    ['a public key', 'ssh-ed25519 AAAAC3Nza root@node01', 'ssh-ed25519 AAAAC3Nza root@node01'],
  ])('hides %s', (_name, input, expected) => {
    expect(redactor.redact(input)).toBe(expected);
  });

  it('hides the forms a secret takes when quoted or escaped', () => {
    const r = new Redactor([`it's "q"@home`]);
    expect(r.redact(`echo 'it'\\''s "q"@home'`)).toBe(`echo '${REDACTED}'`);
    expect(r.redact(JSON.stringify({ pw: `it's "q"@home` }))).toBe(`{"pw":"${REDACTED}"}`);
    expect(r.redact(`https://u:${encodeURIComponent(`it's "q"@home`)}@reg`)).toBe(
      `https://u:${REDACTED}@reg`,
    );
  });

  it('merges overlapping secrets so no part of either survives', () => {
    const r = new Redactor(['abcdef', 'defghi']);
    expect(r.redact('xxabcdefghiyy')).toBe(`xx${REDACTED}yy`);
    // One secret inside another.
    const nested = new Redactor(['inner-secret', 'outer-inner-secret-x']);
    expect(nested.redact('<outer-inner-secret-x>')).toBe(`<${REDACTED}>`);
  });

  it('treats regex characters in secrets literally', () => {
    const r = new Redactor(['a.b*c+(d)[e]$^\\']);
    expect(r.redact('a.b*c+(d)[e]$^\\ and aXbbbc')).toBe(`${REDACTED} and aXbbbc`);
  });

  it('hides every line of a private key given as a secret, even without its markers', () => {
    const r = new Redactor([KEY]);
    expect(r.redact(`bad line: ${KEY_BODY[0] ?? ''}`)).toBe(`bad line: ${REDACTED}`);
  });

  it('ignores empty and blank secrets instead of matching everywhere', () => {
    const r = new Redactor(['', '   ', undefined]);
    expect(r.size).toBe(0);
    expect(r.redact('abc')).toBe('abc');
  });

  it('trims a secret read from a command (join token with newline)', () => {
    const r = new Redactor();
    r.addSecret('s3cr3t-value\n');
    expect(r.redact('value=s3cr3t-value;')).toBe(`value=${REDACTED};`);
  });

  it('hides short secrets only where they stand alone', () => {
    const r = new Redactor(['ab1']);
    expect(isWeakSecret('ab1')).toBe(true);
    expect(isWeakSecret('abcd')).toBe(false);
    expect(r.redact('password: ab1')).toBe(`password: ${REDACTED}`);
    expect(r.redact('ab1')).toBe(REDACTED);
    expect(r.redact('tab1e xab1 ab1x')).toBe('tab1e xab1 ab1x');
    expect(r.redact('(ab1)')).toBe(`(${REDACTED})`);
    // A one-letter password must not turn every "a" in the log into a marker.
    const one = new Redactor(['a']);
    expect(one.redact('an apple a day')).toBe(`an apple ${REDACTED} day`);
  });

  it('a secret added mid-run is hidden from then on', () => {
    const r = new Redactor();
    expect(r.redact('token=abc-def-ghi')).toBe('token=abc-def-ghi');
    r.addSecret('abc-def-ghi');
    expect(r.redact('token=abc-def-ghi')).toBe(`token=${REDACTED}`);
  });

  it('keeps the telling name when a token is also a known secret', () => {
    const r = new Redactor([TOKEN]);
    expect(r.redact(TOKEN)).toBe(`SWMTKN-${REDACTED}`);
  });

  it('does not lose text around many secrets (property check)', () => {
    const r = new Redactor(['k9-secret-x']);
    for (let i = 0; i < 50; i++) {
      const parts = Array.from({ length: 5 }, (_, j) => `plain${i}-${j}`);
      const text = parts.join(' k9-secret-x ');
      expect(r.redact(text)).toBe(parts.join(` ${REDACTED} `));
    }
  });
});

describe('Redactor.redactDeep', () => {
  const redactor = new Redactor(['pw-12345']);

  it('redacts strings in nested objects and arrays, keys too, without touching the input', () => {
    const event = {
      type: 'output',
      host: 'node01',
      lines: ['ok', 'pw-12345', { deeper: `join ${TOKEN}` }],
      'pw-12345': 1,
      count: 3,
      done: true,
      none: null,
    };
    const copy = structuredClone(event);
    const out = redactor.redactDeep(event);
    expect(out).toEqual({
      type: 'output',
      host: 'node01',
      lines: ['ok', REDACTED, { deeper: `join SWMTKN-${REDACTED}` }],
      [REDACTED]: 1,
      count: 3,
      done: true,
      none: null,
    });
    expect(event).toEqual(copy);
  });

  it('copies errors, maps and sets, and survives cycles', () => {
    const cyclic: Record<string, unknown> = { message: 'pw-12345' };
    cyclic.self = cyclic;
    const out = redactor.redactDeep({
      error: new Error('auth failed for pw-12345'),
      map: new Map([['k', 'pw-12345']]),
      set: new Set(['pw-12345']),
      cyclic,
    });
    expect(out.error).toBeInstanceOf(Error);
    expect(out.error.message).toBe(`auth failed for ${REDACTED}`);
    expect(out.error.stack ?? '').not.toContain('pw-12345');
    expect(out.map.get('k')).toBe(REDACTED);
    expect([...out.set]).toEqual([REDACTED]);
    expect(out.cyclic.message).toBe(REDACTED);
    expect(out.cyclic.self).toBe(out.cyclic);
  });
});

describe('StreamRedactor', () => {
  const secret = 'correct-horse-battery';
  const text = `line 1\npassword: ${secret}\njoin: ${TOKEN}\nunlock ${UNLOCK}\n${KEY}\nshort: ab1 tab1e\nbye ${secret}`;
  const redactor = new Redactor([secret, 'ab1']);
  const expected = redactor.redact(text);

  it('gives the same result as redact() for every chunking', () => {
    expect(expected).not.toContain(secret);
    for (const sizes of [[1], [2], [3], [5], [7, 1], [13], [64], [1, 100], [text.length]]) {
      expect(streamed(redactor, text, sizes), `chunks of ${sizes.join(',')}`).toBe(expected);
    }
  });

  it('matches redact() on random text and random chunkings (seeded)', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const secrets = ['p@ss-Word_1', 'q\'uote"d', 'abcabcabd', 'xy'];
    const r = new Redactor(secrets);
    const pieces = [
      ...secrets,
      TOKEN,
      UNLOCK,
      KEY,
      'abcab',
      'SWMTKN-1-',
      '-----BEGIN ',
      ' ',
      '\n',
      'plain',
      '-',
      'x',
      'y',
    ];
    for (let round = 0; round < 300; round++) {
      const text = Array.from(
        { length: 12 },
        () => pieces[Math.floor(random() * pieces.length)] ?? '',
      ).join('');
      const sizes = Array.from({ length: 4 }, () => 1 + Math.floor(random() * 20));
      const whole = r.redact(text);
      const out = streamed(r, text, sizes);
      expect(out, `round ${round}: ${JSON.stringify(text)} in ${sizes.join(',')}`).toBe(whole);
      for (const secret of ['p@ss-Word_1', 'abcabcabd', TOKEN.slice(9), ...KEY_BODY])
        expect(out).not.toContain(secret);
    }
  });

  it('never shows any part of a key body, even split over many chunks', () => {
    for (const size of [1, 4, 9, 33]) {
      const out = streamed(new Redactor(), `a\n${KEY}\nb`, [size]);
      for (const line of KEY_BODY) expect(out).not.toContain(line.slice(0, 12));
      expect(out).toBe(`a\n${REDACTED}\nb`);
    }
  });

  it('swallows an unterminated key to the end, and stays bounded', () => {
    const stream = new Redactor().stream();
    let out = stream.push('x -----BEGIN EC PRIVATE KEY-----\n');
    for (let i = 0; i < 1000; i++) out += stream.push('QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=\n');
    out += stream.flush();
    expect(out).toBe(`x ${REDACTED}`);
  });

  it('lets ordinary text through at once (no needless hold-back)', () => {
    const stream = redactor.stream();
    expect(stream.push('Installing docker-ce...\n')).toBe('Installing docker-ce...\n');
    // A tail that could be the start of the secret is held until it is decided.
    expect(stream.push('pass: correct-hor')).toBe('pass: ');
    expect(stream.push('se-battery!')).toBe(`${REDACTED}!`);
    expect(stream.push('correct-horses')).toBe('correct-horses');
    expect(stream.push(' then correct')).toBe(' then ');
    expect(stream.flush()).toBe('correct');
  });

  it('holds a token cut at a chunk boundary', () => {
    const stream = new Redactor().stream();
    const cut = 30;
    const first = stream.push(`--token ${TOKEN.slice(0, cut)}`);
    const second = stream.push(`${TOKEN.slice(cut)} 10.0.0.1:2377\n`);
    const out = first + second + stream.flush();
    expect(out).toBe(`--token SWMTKN-${REDACTED} 10.0.0.1:2377\n`);
    expect(first).not.toContain(TOKEN.slice(9, cut));
  });

  it('uses a secret added mid-stream for what it has not yet shown', () => {
    const r = new Redactor();
    const stream = r.stream();
    expect(stream.push('fetched ')).toBe('fetched ');
    r.addSecret('late-secret-42');
    expect(stream.push('late-sec') + stream.push('ret-42 done') + stream.flush()).toBe(
      `${REDACTED} done`,
    );
  });

  it('decides a short secret at a chunk edge by the next chunk', () => {
    const r = new Redactor(['ab1']);
    const stream = r.stream();
    let out = stream.push('x ab1');
    out += stream.push('2 ab1');
    out += stream.push(' y');
    out += stream.flush();
    expect(out).toBe(`x ab12 ${REDACTED} y`);
    // The character before a chunk counts too.
    const edge = r.stream();
    expect(edge.push('zz') + edge.push('ab1 ') + edge.flush()).toBe('zzab1 ');
  });
});
