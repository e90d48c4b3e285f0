/**
 * The offline bundle on the operator's machine (`install: offline`): Docker's static tarball
 * or a folder of .deb / .rpm files, read and checked before anything is copied.
 */
import { readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { localized, localizedList } from '../../../shared/messages';
import { StepFailure } from '../step';

/** Where bundle files wait on the host between upload and install. */
export const OFFLINE_STAGING_DIR = '/var/tmp/swarmlab-docker-offline';

/** An offline bundle, as found on the operator's machine. */
export type OfflineBundle =
  | { kind: 'static'; localPath: string; fileName: string; version: string }
  | { kind: 'packages'; format: 'deb' | 'rpm'; files: { localPath: string; fileName: string }[] };

const STATIC_TARBALL = /^docker-(\d+\.\d+\.\d+(?:-[A-Za-z0-9.]+)?)\.(?:tgz|tar\.gz)$/;
/**
 * Package file names travel into scripts (quoted); refuse anything odd all the same. `%` is
 * there because apt and `apt-get download` write an epoch's colon as `%3a` (git_1%3a2.39…).
 */
const PACKAGE_FILE = /^[A-Za-z0-9][A-Za-z0-9._+~:%-]*\.(deb|rpm)$/;

function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
}

/**
 * Reads what the offline bundle path holds: a `docker-X.Y.Z.tgz` file (or a folder holding one
 * and nothing else Docker-like), or a folder of `.deb` or `.rpm` files.
 */
export async function readOfflineBundle(path: string): Promise<OfflineBundle> {
  const localPath = expandHome(path);
  const info = await stat(localPath).catch(() => undefined);
  if (!info) {
    throw new StepFailure(
      localized('failures.docker-install.bundleMissing', { path }),
      localized('failures.docker-install.bundleMissingFix'),
    );
  }
  if (info.isFile()) return staticBundle(localPath);
  const names = (await readdir(localPath)).sort();
  const packages = names.filter((name) => PACKAGE_FILE.test(name));
  // A package left out silently would surface later as a puzzling missing dependency.
  const odd = names.filter((name) => /\.(deb|rpm)$/.test(name) && !PACKAGE_FILE.test(name));
  if (odd.length > 0) {
    throw new StepFailure(
      localized('failures.docker-install.bundleOddNames', { path, names: localizedList(odd) }),
      localized('failures.docker-install.bundleOddNamesFix'),
    );
  }
  const formats = new Set(packages.map((name) => (name.endsWith('.deb') ? 'deb' : 'rpm')));
  if (formats.size > 1) {
    throw new StepFailure(
      localized('failures.docker-install.bundleMixed', { path }),
      localized('failures.docker-install.bundleMixedFix'),
    );
  }
  const [format] = [...formats];
  if (format) {
    return {
      kind: 'packages',
      format,
      files: packages.map((fileName) => ({ localPath: join(localPath, fileName), fileName })),
    };
  }
  const tarballs = names.filter((name) => STATIC_TARBALL.test(name));
  if (tarballs.length === 1 && tarballs[0]) return staticBundle(join(localPath, tarballs[0]));
  throw new StepFailure(
    localized('failures.docker-install.bundleEmpty', { path }),
    localized('failures.docker-install.bundleEmptyFix'),
  );
}

function staticBundle(localPath: string): OfflineBundle {
  const fileName = basename(localPath);
  const match = STATIC_TARBALL.exec(fileName);
  if (!match?.[1]) {
    throw new StepFailure(
      localized('failures.docker-install.tarballName', { file: fileName }),
      localized('failures.docker-install.tarballNameFix'),
    );
  }
  return { kind: 'static', localPath, fileName, version: match[1] };
}

/** The package name in a .deb (`name_version_arch.deb`) or .rpm (`name-version-release.arch.rpm`). */
export function packageNameOfFile(fileName: string): string {
  if (fileName.endsWith('.deb')) return fileName.split('_')[0] ?? fileName;
  return /^(.+)-[^-]+-[^-]+\.[^.]+\.rpm$/.exec(fileName)?.[1] ?? fileName;
}
