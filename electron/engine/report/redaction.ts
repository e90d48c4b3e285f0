/**
 * Defence in depth for reports. Events are redacted at the source (run/run-state.ts), but a report
 * is the thing people mail around, paste into tickets and commit: so every string that goes
 * into one passes through a Redactor again (SWMTKN-…, SWMKEY-…, private key blocks, plus any
 * literal secrets the caller still knows), and then through a few patterns for values that
 * are labelled as secrets (`password=…`, `"token": "…"`, `sshpass -p …`, `user:pass@` in URLs).
 * Those labels catch a password the report cannot know literally, such as one a misbehaving
 * remote script echoed into its output.
 */
import { REDACTED, Redactor } from '../redact';

/** `password=…`, `db_password: …`, `"secret": "…"`: the key stays, the value goes. */
const LABELLED_VALUE =
  /(\b[A-Za-z0-9_.-]*(?:password|passwd|passphrase|secret|api[_-]?key|access[_-]?key|private[_-]?key|token)[A-Za-z0-9_.-]*["']?[ \t]*[:=][ \t]*)("[^"\n]*"|'[^'\n]*'|[^\s"',;}]+)/gi;
/** `--password xyz`, `--password=xyz`, `sshpass -p xyz`, `mysql -pxyz` style flags. */
const PASSWORD_FLAG = /((?:--(?:password|passwd|passphrase)|\bsshpass\s+-p)(?:[ \t]+|=))(\S+)/gi;
/** Credentials inside URLs: scheme://user:password@host. */
const URL_CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)([^\s@/]+)(@)/gi;

/** A value that only names a secret (a shell variable, a placeholder) gives nothing away. */
function isReference(value: string): boolean {
  const bare = value.replace(/^["']|["']$/g, '');
  return bare === '' || bare.startsWith('$') || bare.includes(REDACTED) || /^<[^>]*>$/.test(bare);
}

export class ReportRedactor {
  private readonly redactor: Redactor;

  /** `secrets`: literal values still known to the caller (a password from the keychain). */
  constructor(secrets: Iterable<string | undefined> = []) {
    this.redactor = new Redactor(secrets);
  }

  text(value: string): string {
    let out = this.redactor.redact(value);
    out = out.replace(LABELLED_VALUE, (whole, label: string, secret: string) => {
      if (isReference(secret)) return whole;
      // A quoted value keeps its quotes, so JSON and shell text stay well-formed.
      const quote = secret[0] === '"' || secret[0] === "'" ? secret[0] : '';
      return `${label}${quote}${REDACTED}${quote}`;
    });
    out = out.replace(PASSWORD_FLAG, (whole, flag: string, secret: string) =>
      isReference(secret) ? whole : `${flag}${REDACTED}`,
    );
    return out.replace(
      URL_CREDENTIALS,
      (_whole, head: string, _secret: string, at: string) => `${head}${REDACTED}${at}`,
    );
  }

  /** A copy of plain JSON data with every string (keys too) redacted. */
  deep<T>(value: T): T {
    return this.walk(value) as T;
  }

  private walk(value: unknown): unknown {
    if (typeof value === 'string') return this.text(value);
    if (Array.isArray(value)) return value.map((item) => this.walk(item));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [this.text(key), this.walk(item)]),
      );
    }
    return value;
  }
}
