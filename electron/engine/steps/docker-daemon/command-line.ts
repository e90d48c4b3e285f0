/**
 * docker.service's command line as systemd shows it, and the environment files it reads
 * (/etc/default/docker, /etc/sysconfig/docker), split into words.
 */

/**
 * The command line of `systemctl show docker -p ExecStart`
 * (`ExecStart={ path=/usr/bin/dockerd ; argv[]=/usr/bin/dockerd -H fd:// … ; ignore_errors=no ; … }`).
 * systemd 219 (CentOS 7) has no `--value`, so the property name is tolerated. Several
 * ExecStart= lines are rare for dockerd; the last one is the one that runs the daemon.
 */
export function execStartFromShow(output: string): string | undefined {
  const matches = [...output.matchAll(/argv\[\]=(.*?) ; (?:ignore_errors|flags)=/g)];
  const last = matches.at(-1)?.[1]?.trim();
  return last || undefined;
}

/**
 * The effective ExecStart of `systemctl cat docker` (the unit followed by its drop-ins): an
 * empty `ExecStart=` resets the list, as systemd does.
 */
export function execStartFromCat(output: string): string | undefined {
  const joined = output.replace(/\\\n/g, ' ');
  let current: string | undefined;
  for (const line of joined.split('\n')) {
    const match = /^\s*ExecStart=(.*)$/.exec(line);
    if (!match) continue;
    const value = (match[1] ?? '').trim();
    current = value === '' ? undefined : value.replace(/^[-@:+!]+/, '');
  }
  return current;
}

/** `NAME=value` lines of /etc/default/docker or /etc/sysconfig/docker, quotes removed. */
export function parseEnvironmentFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(raw);
    if (!match?.[1]) continue;
    let value = (match[2] ?? '').trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) {
      value = value.slice(1, -1);
    }
    env[match[1]] = value;
  }
  return env;
}

/** A word of the command line, with where it came from (a variable cannot be edited in a drop-in). */
export interface CommandWord {
  text: string;
  /** The variable this word came from (`DOCKER_OPTS`), when it did. */
  fromVariable?: string;
}

/**
 * Splits a systemd command line into words: quotes group, `$VAR` splits into words, `${VAR}`
 * stays one word. Without `env`, variables are kept as written (for rewriting the line).
 */
export function splitCommandLine(line: string, env?: Record<string, string>): CommandWord[] {
  const words: CommandWord[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const match of line.matchAll(pattern)) {
    const quoted = match[1] ?? match[2];
    if (quoted !== undefined) {
      words.push({ text: quoted });
      continue;
    }
    const word = match[3] ?? '';
    if (!env) {
      words.push({ text: word });
      continue;
    }
    const whole = /^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(word);
    if (whole?.[1]) {
      const name = whole[1];
      for (const part of (env[name] ?? '').split(/\s+/).filter(Boolean)) {
        words.push({ text: part, fromVariable: name });
      }
      continue;
    }
    words.push({
      text: word.replace(
        /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g,
        (_all, name: string) => env[name] ?? '',
      ),
    });
  }
  return words;
}
