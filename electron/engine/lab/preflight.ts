import { access, constants } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { pathExists } from './path-exists';

/** A tool (a command on the PATH, or a file such as a font) and the Debian package that ships it. */
export type RequiredTool =
  { command: string; debianPackage: string } | { file: string; debianPackage: string };

function toolName(tool: RequiredTool): string {
  return 'command' in tool ? tool.command : tool.file;
}

export const REQUIRED_TOOLS: readonly RequiredTool[] = [
  { command: 'debootstrap', debianPackage: 'debootstrap' },
  { command: 'systemd-nspawn', debianPackage: 'systemd-container' },
  { command: 'iptables', debianPackage: 'iptables' },
  { command: 'ip', debianPackage: 'iproute2' },
  { command: 'busybox', debianPackage: 'busybox-static' },
  { command: 'ssh-keygen', debianPackage: 'openssh-client' },
  { command: 'openssl', debianPackage: 'openssl' },
  { command: 'nsenter', debianPackage: 'util-linux' },
  { command: 'tar', debianPackage: 'tar' },
];

/** Thrown when the machine cannot run a lab; the message says what to do. */
export class LabPreflightError extends Error {
  override name = 'LabPreflightError';
}

/** Root's PATH may lack the sbin directories when the CLI is started through sudo or npx. */
const SYSTEM_PATH_DIRS = [
  '/usr/local/sbin',
  '/usr/local/bin',
  '/usr/sbin',
  '/usr/bin',
  '/sbin',
  '/bin',
];

export function searchPath(): string[] {
  const fromEnv = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  return [...new Set([...fromEnv, ...SYSTEM_PATH_DIRS])];
}

/** The full path of `command`, or undefined when it is not installed. */
export async function findExecutable(command: string): Promise<string | undefined> {
  for (const dir of searchPath()) {
    const candidate = join(dir, command);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** The tools from `tools` that are not installed. Pure apart from the file lookups. */
export async function missingTools(
  tools: readonly RequiredTool[] = REQUIRED_TOOLS,
): Promise<RequiredTool[]> {
  const found = await Promise.all(
    tools.map((tool) =>
      'command' in tool
        ? findExecutable(tool.command).then((path) => path !== undefined)
        : pathExists(tool.file),
    ),
  );
  return tools.filter((_, i) => !found[i]);
}

export function missingToolsMessage(missing: readonly RequiredTool[]): string {
  const packages = [...new Set(missing.map((tool) => tool.debianPackage))];
  const commands = missing.map(toolName).join(', ');
  return `the lab needs ${commands}; install with: apt-get install ${packages.join(' ')}`;
}

/** Fails unless this is Linux and we are root: every lab operation needs both. */
export function assertLinuxRoot(): void {
  if (process.platform !== 'linux') {
    throw new LabPreflightError(
      `the lab boots Linux containers with systemd-nspawn and runs only on Linux (this is ${process.platform})`,
    );
  }
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    throw new LabPreflightError(
      'the lab creates network namespaces, a bridge and containers: run it as root (for example with sudo)',
    );
  }
}
