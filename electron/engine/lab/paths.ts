import { join } from 'node:path';

/**
 * Where the lab keeps things on the machine, and the names it owns.
 *
 * Everything the lab creates carries a fixed name or prefix, so `lab down` can
 * find and remove it even when the state file was lost.
 */

/** Slow-to-build artefacts that survive `lab down`: the Debian base, the image archive. */
export const LAB_CACHE_DIR = '/var/cache/swarmlab/lab';
export const BASE_IMAGE_DIR = join(LAB_CACHE_DIR, 'base-bookworm');
/** Written last into a finished base; a base without the current stamp is rebuilt. */
export const BASE_STAMP_FILE = '.swarmlab-base-stamp';
export const IMAGE_ARCHIVE_DIR = join(LAB_CACHE_DIR, 'images');

/**
 * Several labs can run side by side on one machine, one per slot (0–9, from
 * SWARMLAB_LAB_SLOT): a demo while the tests run, or two checkouts' test runs.
 * Slot 0 keeps the plain names; slot k gets its own directory, bridge, name
 * prefix, iptables comment and subnet 10.210.k.0/24.
 */
export const LAB_SLOT = labSlot(process.env.SWARMLAB_LAB_SLOT);

export function labSlot(value: string | undefined): number {
  if (value === undefined || value === '') return 0;
  if (!/^\d$/.test(value)) {
    throw new Error(`SWARMLAB_LAB_SLOT must be a digit 0–9, got "${value}"`);
  }
  return Number(value);
}

const slotSuffix = LAB_SLOT === 0 ? '' : String(LAB_SLOT);

/** Runtime data of every lab slot, and what the slots share. */
const LAB_MACHINE_DIR = '/var/lib/swarmlab';
/** Slot `slot`'s runtime data: removed entirely by its `lab down`. */
export function labRunDir(slot: number): string {
  return join(LAB_MACHINE_DIR, `lab${slot === 0 ? '' : slot}`);
}
/** Slot `slot`'s bridge: while it exists, that slot's lab is up. */
export function labBridge(slot: number): string {
  return `swlab${slot}`;
}
/**
 * Machine-wide settings the labs change (ip_forward), recorded once for all slots: their value
 * before the first lab came up, and the slots that claimed them. Kept across `lab down` until
 * the last slot goes down.
 */
export const MACHINE_SETTINGS_FILE = join(LAB_MACHINE_DIR, 'machine-settings.json');
export const MACHINE_SETTINGS_LOCK_FILE = join(LAB_MACHINE_DIR, 'machine-settings.lock');

/** Per-lab runtime data: removed entirely by `lab down`. */
export const LAB_RUN_DIR = labRunDir(LAB_SLOT);
export const LAB_STATE_FILE = join(LAB_RUN_DIR, 'state.json');
export const LAB_LOCK_FILE = join(LAB_RUN_DIR, 'lock');
/** Held by a whole test run, so concurrent runs take turns with the one lab. */
export const LAB_SESSION_LOCK_NAME = 'reservation';
export const LAB_SESSION_LOCK_FILE = join(LAB_RUN_DIR, LAB_SESSION_LOCK_NAME);
export const LAB_HOSTS_DIR = join(LAB_RUN_DIR, 'hosts');

/** The Linux bridge the hosts hang off; the machine's side holds the gateway address. */
export const LAB_BRIDGE = labBridge(LAB_SLOT);
/**
 * The hierarchies systemd tracks its units in on a cgroup v1 (hybrid) machine: the unified
 * one, which systemd-nspawn and systemd go by, and name=systemd, which mirrors it.
 */
export const SYSTEMD_CGROUP_HIERARCHIES = ['/sys/fs/cgroup/unified', '/sys/fs/cgroup/systemd'];
/** Every lab host's cgroup sits below this, in each of those hierarchies. */
export const LAB_CGROUP_PARENT = 'swarmlab';
/** Network namespaces and host-side veth ends start with this. */
export const LAB_NAME_PREFIX = `swl${slotSuffix}-`;
/** Every iptables rule the lab adds carries this comment, so leftovers can be found. */
export const LAB_IPTABLES_COMMENT = `swarmlab-lab${slotSuffix}`;

export const LAB_SUBNET_PREFIX = `10.210.${LAB_SLOT}`;
export const LAB_SUBNET = `${LAB_SUBNET_PREFIX}.0/24`;
export const LAB_GATEWAY = `${LAB_SUBNET_PREFIX}.1`;
export const LAB_PREFIX_LENGTH = 24;
/** Host N (1-based) gets .10+N: .11, .12, … */
const FIRST_HOST_OCTET = 11;
const LAST_HOST_OCTET = 254;
export const MAX_LAB_HOSTS = LAST_HOST_OCTET - FIRST_HOST_OCTET + 1;

/**
 * A fixed, locally administered MAC for an IPv4 address of the lab (02:5f + the
 * four address bytes). A host keeps its MAC across restarts and resets, like a
 * real machine; a new random MAC would leave the machine and the other hosts
 * sending to the old one until their ARP entries expire (about 30 s).
 */
export function labMacAddress(ipv4: string): string {
  const octets = ipv4.split('.').map(Number);
  if (
    octets.length !== 4 ||
    octets.some((octet) => !Number.isInteger(octet) || octet < 0 || octet > 255)
  ) {
    throw new Error(`not an IPv4 address: ${ipv4}`);
  }
  return ['02', '5f', ...octets.map((octet) => octet.toString(16).padStart(2, '0'))].join(':');
}

/** The unprivileged user on every host whose sudo asks for its password. */
export const LAB_SUDO_USER = 'labuser';

/** The names and paths of lab host number `index` (1-based). */
export interface HostLayout {
  index: number;
  name: string;
  address: string;
  macAddress: string;
  netns: string;
  /** The machine-side end of the host's veth pair (the host sees its end as eth0). */
  veth: string;
  dir: string;
  /** The overlay's upper dir: everything the host changes lives here, and only here. */
  upperDir: string;
  /** Files that make up the host's identity (keys); copied into every fresh upper dir. */
  identityDir: string;
  consoleLog: string;
  /**
   * The host's own cgroup, as a path inside each hierarchy systemd uses (see host.ts,
   * prepareHostCgroups). Its systemd keeps its units below it, apart from every other host's.
   */
  cgroup: string;
}

export function hostLayout(index: number): HostLayout {
  if (!Number.isInteger(index) || index < 1 || index > MAX_LAB_HOSTS) {
    throw new Error(`lab host number must be 1..${MAX_LAB_HOSTS}, got ${index}`);
  }
  const name = `lab-${index}`;
  const dir = join(LAB_HOSTS_DIR, name);
  const address = `${LAB_SUBNET_PREFIX}.${FIRST_HOST_OCTET - 1 + index}`;
  return {
    index,
    name,
    address,
    macAddress: labMacAddress(address),
    netns: `${LAB_NAME_PREFIX}${name}`,
    // Interface names are limited to 15 characters: keep this short.
    veth: `${LAB_NAME_PREFIX}h${index}`,
    dir,
    upperDir: join(dir, 'upper'),
    identityDir: join(dir, 'identity'),
    consoleLog: join(dir, 'console.log'),
    cgroup: join(LAB_CGROUP_PARENT, `${LAB_NAME_PREFIX}${name}`),
  };
}
