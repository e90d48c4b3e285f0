/** Receives one human-readable progress line at a time. */
export type LabLog = (line: string) => void;

/** One lab host, as the app and the tests log into it. */
export interface LabHost {
  name: string;
  address: string;
  port: number;
  rootPassword: string;
  sudoUser: string;
  sudoPassword: string;
  /**
   * The host's ed25519 host key, as OpenSSH prints it (`SHA256:…`), known
   * before the first connection: what a client may pin instead of trusting on first use.
   */
  hostKeySha256: string;
}

/** A loadable image archive for hosts that cannot reach a registry. */
export interface LabImage {
  /** A `docker save`-format tar: `docker load -i archive`. */
  archive: string;
  /** The repository:tag it loads as. */
  name: string;
}

export interface LabInfo {
  hosts: LabHost[];
  image: LabImage;
  subnet: string;
  gateway: string;
  bridge: string;
}

export interface LabHostStatus extends LabHost {
  running: boolean;
  /** The systemd-nspawn process, and the container's init (PID 1 inside the host). */
  nspawnPid: number | null;
  initPid: number | null;
}

/** A machine-wide setting whose value is not the one running labs need. */
export interface UnmetMachineSetting {
  /** The sysctl name, e.g. net.ipv4.ip_forward. */
  name: string;
  needed: string;
  actual: string;
}

export interface LabStatus {
  up: boolean;
  hosts: LabHostStatus[];
  /** Only while this lab is up: settings of the whole machine it needs that are not as needed. */
  unmetMachineSettings: UnmetMachineSetting[];
  image: LabImage | null;
  subnet: string;
  gateway: string;
  bridge: string;
}
