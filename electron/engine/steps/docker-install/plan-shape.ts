/**
 * The shape of an install plan: what every source's plan function returns and the step sends.
 * Its own file so the per-source plans and the choice between them do not import each other.
 */
import type { Localized } from '../../../shared/localized';
import type { DockerOptions } from '../../inventory/schema';
import type { Format, Installer } from './system';

/** A file the step writes whole (over SFTP, atomically). */
export interface PlanFile {
  path: string;
  content: string;
  mode: number;
}

/** A file copied from the operator's machine. */
export interface PlanUpload {
  localPath: string;
  remotePath: string;
}

export interface DockerInstallPlan {
  source: DockerOptions['install'];
  /** One line for people: what is installed from where. */
  summary: Localized;
  format: Format;
  installer: Installer;
  /** The package whose presence means "Docker is installed from this source" (none for static). */
  enginePackage: string | undefined;
  /** Where dockerd lives after this install. */
  dockerdPath: string;
  /** The version a host must run afterwards: the pin, or the static tarball's own version. */
  expectedVersion: string | undefined;
  /** Installed packages from this list block the install. */
  conflicts: readonly string[];
  /** Runs first: prerequisites, the repository key, the staging folder. Empty when none. */
  prepare: string;
  uploads: PlanUpload[];
  files: PlanFile[];
  /** Installs and starts Docker. Empty for skip. */
  install: string;
}
