/**
 * Escapers for the languages a value lands in besides the shell. `shellQuote` (quote.ts) keeps
 * a value one word for `sh`; once sh hands that word to sed, grep, awk, systemd, apt or yum,
 * their own syntax applies. Each escaper below returns text its language reads back as exactly
 * the value, or throws an {@link UnsafeValueError} for a value no escaping can carry there (a
 * line break in a one-line setting). Where a value can travel as data instead (an environment
 * variable, stdin, a file over SFTP), that is simpler still.
 *
 * JSON has no escaper here: `JSON.stringify` is its escaper, and daemon.json travels over SFTP.
 */

/** A value that cannot be written into a language at all; the message names the value's role. */
export class UnsafeValueError extends TypeError {
  override name = 'UnsafeValueError';
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function controlName(value: string): string | undefined {
  const match = CONTROL.exec(value);
  if (!match) return undefined;
  const code = match[0].charCodeAt(0);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code === 0x0a) return `a line break (${hex})`;
  if (code === 0x0d) return `a carriage return (${hex})`;
  return `a control character (${hex})`;
}

/** Throws when the value holds a line break or another control character. */
function refuseControls(value: string, what: string, language: string): void {
  const found = controlName(value);
  if (found) throw new UnsafeValueError(`${what} holds ${found}, which ${language} cannot carry`);
}

// ---------------------------------------------------------------------------------------
// Regular expressions

/**
 * A POSIX basic regular expression (grep, sed addresses) matching `value` literally: `\`, `.`,
 * `[`, `*`, `^` and `$` are its operators, and each gets a backslash (`\^`, `\$` are literal
 * wherever they stand). A line break would split a grep pattern in two, so it is refused.
 */
export function breLiteral(value: string, what = 'a regular expression'): string {
  refuseControls(value, what, 'a one-line regular expression');
  return value.replace(/[\\.[*^$]/g, '\\$&');
}

/**
 * A POSIX extended regular expression (`grep -E`, awk) matching `value` literally: every ERE
 * operator (`\ . [ ] ( ) * + ? { } | ^ $`) gets a backslash. Line breaks are refused.
 */
export function ereLiteral(value: string, what = 'a regular expression'): string {
  refuseControls(value, what, 'a one-line regular expression');
  return value.replace(/[\\.[\]()*+?{}|^$]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------
// sed

/**
 * Delimiters of sed's `s` command that stay plain characters when escaped: busybox reads `\|`
 * as alternation, GNU sed `\+`, `\?`, `\{`…; these mean themselves after a backslash in both.
 */
const SED_DELIMITERS = new Set(['@', '#', ',', '!', '%', ':', '~', '/']);

function checkDelimiter(delimiter: string): void {
  if (!SED_DELIMITERS.has(delimiter)) {
    throw new TypeError(
      `sed delimiter ${JSON.stringify(delimiter)}: use one of ${[...SED_DELIMITERS].join(' ')}`,
    );
  }
}

/**
 * The regular expression of `s<d>…<d>…<d>` (or an address `\<d>…<d>`) matching `value`
 * literally: a BRE literal whose delimiter characters are escaped too.
 */
export function sedRegex(value: string, delimiter: string, what = 'a sed pattern'): string {
  checkDelimiter(delimiter);
  return breLiteral(value, what).replaceAll(delimiter, `\\${delimiter}`);
}

/**
 * The replacement of `s<d>…<d>…<d>` that inserts `value` as it is: in a replacement `\` escapes
 * (`\n`, `\1`, GNU's `\U`…), `&` is the whole match and the delimiter ends it, so each gets a
 * backslash. A line break would end the command and start another (GNU sed's `e` runs programs,
 * `w` writes files): refused.
 */
export function sedReplacement(
  value: string,
  delimiter: string,
  what = 'a sed replacement',
): string {
  checkDelimiter(delimiter);
  refuseControls(value, what, 'a sed command');
  return value.replace(/[\\&]/g, '\\$&').replaceAll(delimiter, `\\${delimiter}`);
}

// ---------------------------------------------------------------------------------------
// awk

const AWK_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `NAME='value' …` to put before `awk`, whose program reads each as `ENVIRON["NAME"]`. awk takes
 * the environment as it is; `-v NAME=value` and operands `NAME=value` process backslash escapes
 * (`\n`, `\\`), so a value there is not what was written.
 */
export function awkEnvironment(values: Readonly<Record<string, string>>): string {
  return Object.entries(values)
    .map(([name, value]) => {
      if (!AWK_NAME.test(name)) throw new TypeError(`awk environment name ${name}`);
      if (value.includes('\0')) throw new UnsafeValueError(`${name} holds a NUL byte`);
      return `${name}='${value.replaceAll("'", `'\\''`)}'`;
    })
    .join(' ');
}

// ---------------------------------------------------------------------------------------
// Here-documents

const HEREDOC_WORD = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A delimiter for `<<'WORD'` that no line of `content` equals: the shell ends the document at
 * the first line that is exactly the delimiter, and whatever follows would run as commands.
 * Inside a quoted here-document nothing else is special.
 */
export function heredocDelimiter(content: string, base = 'SWARMLAB_EOF'): string {
  if (!HEREDOC_WORD.test(base)) throw new TypeError(`here-document delimiter ${base}`);
  const lines = new Set(content.split('\n'));
  let delimiter = base;
  for (let n = 1; lines.has(delimiter); n += 1) delimiter = `${base}_${n}`;
  return delimiter;
}

// ---------------------------------------------------------------------------------------
// Comments in line-based files and scripts

/**
 * Text for a `#` comment line: a comment ends at the line break, so line breaks and other
 * control characters are shown as escapes (`\n`, `\u001b`) instead of ending it.
 */
export function commentText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (char) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return named[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

// ---------------------------------------------------------------------------------------
// INI: yum and dnf .repo files

/**
 * One value of a .repo (INI) file: it runs to the end of its line, so a line break would start
 * another key or section (`gpgcheck=0`, `[evil]`). Refused.
 */
export function iniValue(value: string, what = 'a repository setting'): string {
  refuseControls(value, what, 'a one-line .repo setting');
  return value;
}

/**
 * A URL for `baseurl=` or `gpgkey=` of a .repo file: yum and dnf expand `$name` and `${name}`
 * as their variables and split the value into several URLs at commas and whitespace, so `$`,
 * `,` and spaces are percent-encoded (the URL means the same to the server). Line breaks are
 * refused.
 */
export function repoUrl(url: string, what = 'a repository URL'): string {
  return iniValue(url, what).replace(/[$, ]/g, percentEncode);
}

// ---------------------------------------------------------------------------------------
// apt sources

function percentEncode(char: string): string {
  return `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
}

/**
 * A URI in a one-line apt source (`deb URI suite …`). apt splits the line at whitespace, cuts
 * it at `#`, groups `"…"` and `[…]`, then decodes `%XX`: so `%` itself, spaces, `#`, `"`, `[`
 * and `]` are percent-encoded, and apt decodes them back to exactly the URI (a URL's own
 * `%20` is written `%2520`). Line breaks are refused.
 */
export function aptLineUri(url: string, what = 'an apt source URI'): string {
  refuseControls(url, what, 'an apt source');
  return url.replace(/[% #"[\]]/g, percentEncode);
}

/**
 * A URI in a deb822 apt source (`URIs: URI`). apt takes it as written (no decoding) and splits
 * the field at whitespace, so spaces are percent-encoded (the server decodes them); `#` starts
 * a comment only at the start of a line. Line breaks are refused.
 */
export function aptDeb822Uri(url: string, what = 'an apt source URI'): string {
  refuseControls(url, what, 'an apt source');
  return url.replace(/ /g, percentEncode);
}

/** What a suite, component or option value of an apt source may hold: apt has no quoting. */
const APT_WORD = /^[A-Za-z0-9._+~/:-]+$/;

/** Whether `value` can be a suite, component or option value of an apt source as it is. */
export function isAptWord(value: string): boolean {
  return APT_WORD.test(value);
}

/**
 * A suite, component or `[option=value]` value of an apt source: apt has no quoting, so
 * anything but a plain word (whitespace, `#`, `[`, `]`, `=`) is refused.
 */
export function aptWord(value: string, what = 'an apt source field'): string {
  if (!isAptWord(value)) {
    throw new UnsafeValueError(
      `${what} ${JSON.stringify(value)} is not a plain word (letters, digits and . _ + ~ / : -)`,
    );
  }
  return value;
}

// ---------------------------------------------------------------------------------------
// systemd units

/** What a command line word may hold without quotes (systemd.syntax: whitespace splits). */
const SYSTEMD_PLAIN = /^[A-Za-z0-9_@%+=:,./$-]+$/;

export interface SystemdWordOptions {
  /**
   * `keep`: `$NAME` and `${NAME}` stay references to the unit's environment (text taken from a
   * unit, where `$$` is already written for a dollar sign). `literal` (default): `$` is a dollar
   * sign, written `$$`.
   */
  dollars?: 'keep' | 'literal';
}

/**
 * One word of a systemd command line (`ExecStart=`): systemd expands `%` specifiers (`%%` is a
 * percent sign) and `$` variables (`$$` is a dollar sign), reads C escapes (`\\`, `\"`), splits
 * at whitespace and takes a lone `;` as the start of another command. Words with anything but
 * plain characters are double-quoted with `\` and `"` escaped; line breaks are refused.
 */
export function systemdExecWord(
  word: string,
  options: SystemdWordOptions = {},
  what = 'a systemd command line word',
): string {
  refuseControls(word, what, 'a systemd unit line');
  let text = word.replaceAll('%', '%%');
  if (options.dollars !== 'keep') text = text.replaceAll('$', '$$$$');
  if (SYSTEMD_PLAIN.test(word)) return text;
  return `"${text.replace(/[\\"]/g, '\\$&')}"`;
}

/**
 * A whole command line for `ExecStart=` and its kin. The program must be an absolute path
 * without quotes or backslashes (systemd refuses those in an executable's name), and is never
 * variable-expanded (so `$` stays as it is there); systemd reads a leading `-`, `@`, `:`, `+` or
 * `!` as a flag even inside quotes, which the leading `/` rules out.
 */
export function systemdCommandLine(
  words: readonly string[],
  options: SystemdWordOptions = {},
): string {
  const [program = '', ...args] = words;
  if (!program.startsWith('/') || /["'\\]/.test(program)) {
    throw new UnsafeValueError(
      `the program of a systemd command line must be an absolute path without quotes or backslashes, not ${JSON.stringify(program)}`,
    );
  }
  return [
    systemdExecWord(program, { dollars: 'keep' }, 'the program path'),
    ...args.map((word) => systemdExecWord(word, options)),
  ].join(' ');
}
