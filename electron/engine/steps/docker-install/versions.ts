/**
 * Docker versions: what a pin (`24.0`, `5:24.0.7-1~debian.12~bookworm`) accepts.
 */
import { ereLiteral } from '../../shell/escape';

/** The upstream part of a package version: `5:24.0.7-1~debian.12~bookworm` → `24.0.7`. */
export function upstreamVersion(version: string): string {
  return version.replace(/^\d+:/, '').split(/[-~+]/)[0] ?? version;
}

/** True for a full package version (`5:24.0.7-1~…`, `3:24.0.7-1.el9`) rather than `24.0.7`. */
function isPackageVersion(pin: string): boolean {
  return /^\d+:/.test(pin) || pin.includes('-');
}

/**
 * Whether what the host runs satisfies the pin. `24.0` accepts 24.0.9; `20.10.24` accepts
 * Debian's `20.10.24+dfsg1`; a full package version must equal the installed package's.
 */
export function versionMatches(
  pin: string,
  installed: { version?: string | undefined; packageVersion?: string | undefined },
): boolean {
  if (isPackageVersion(pin)) {
    const strip = (value: string) => value.replace(/^\d+:/, '');
    return installed.packageVersion !== undefined && strip(installed.packageVersion) === strip(pin);
  }
  const actual = installed.version ?? installed.packageVersion;
  if (actual === undefined) return false;
  const upstream = upstreamVersion(actual);
  return upstream === pin || upstream.startsWith(`${pin}.`);
}

/** An extended regular expression that finds the pin in a list of package versions. */
export function pinPattern(pin: string): string {
  return `^([0-9]+:)?${ereLiteral(pin, 'docker.version')}([-~+.]|$)`;
}

export function majorMinor(version: string): [number, number] {
  const [major = '0', minor = '0'] = upstreamVersion(version).split('.');
  return [Number.parseInt(major, 10), Number.parseInt(minor, 10)];
}
