import { describe, expect, it } from 'vitest';
import {
  hasControlCharacters,
  terminalSafe,
  terminalSafeJson,
} from '../../../electron/engine/text/terminal-safe';

describe('terminalSafe', () => {
  it('shows escape sequences as text: title, clipboard, clear screen', () => {
    expect(terminalSafe('a\x1b]0;title\x07b')).toBe('a␛]0;title␇b');
    expect(terminalSafe('\x1b]52;c;ZXZpbA==\x1b\\')).toBe('␛]52;c;ZXZpbA==␛\\');
    expect(terminalSafe('\x1b[2J\x1b[H')).toBe('␛[2J␛[H');
    expect(terminalSafe('\x1bP1$r\x1b\\')).toBe('␛P1$r␛\\');
  });

  it('drops colour, which tools print routinely, and with it concealed text', () => {
    expect(terminalSafe('\x1b[1;31merror\x1b[0m: \x1b[8mhidden\x1b[m')).toBe('error: hidden');
  });

  it('makes C1 controls, DEL and bidirectional overrides visible', () => {
    expect(terminalSafe('\u009b2J')).toBe('\\x9b2J');
    expect(terminalSafe('\u009d0;t\u009c')).toBe('\\x9d0;t\\x9c');
    expect(terminalSafe('rm\x7f')).toBe('rm␡');
    expect(terminalSafe('ok \u202eevil\u2066')).toBe('ok \\u202eevil\\u2066');
  });

  it('keeps tab, newline and CRLF; shows a lone CR, which would overwrite the line', () => {
    expect(terminalSafe('a\tb\nc\r\nd')).toBe('a\tb\nc\r\nd');
    expect(terminalSafe('safe\rEVIL')).toBe('safe␍EVIL');
    expect(terminalSafe('nul\0 bell\x07')).toBe('nul␀ bell␇');
  });

  it('leaves ordinary text alone, Chinese and symbols included', () => {
    const text = 'Debian GNU/Linux 12 (bookworm) · 预检 ✓ → ok';
    expect(terminalSafe(text)).toBe(text);
    expect(hasControlCharacters(text)).toBe(false);
  });

  it('says whether a text holds anything it would change', () => {
    expect(hasControlCharacters('a\x1b[31mb')).toBe(true);
    expect(hasControlCharacters('a\u009bb')).toBe(true);
    expect(hasControlCharacters('line\r\nline\tcol\n')).toBe(false);
    expect(hasControlCharacters('a\rb')).toBe(true);
  });
});

describe('terminalSafeJson', () => {
  it('escapes what JSON.stringify leaves raw, and the JSON still reads back the same', () => {
    const value = { text: 'a\u009b2J\x7f\u202eb\x1b]0;t\x07' };
    const json = terminalSafeJson(JSON.stringify(value));
    expect(json).not.toMatch(/[\u007f-\u009f\u202e]/);
    // eslint-disable-next-line no-control-regex -- checking that no raw control is left
    expect(json).not.toMatch(/[\u0000-\u001f]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});
