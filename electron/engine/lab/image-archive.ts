import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, copyFile, mkdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runChecked } from './exec';
import { IMAGE_ARCHIVE_DIR } from './paths';
import { findExecutable } from './preflight';
import type { LabImage } from './types';

/**
 * A tiny container image the lab hands to hosts that cannot reach a registry:
 * Debian's statically linked busybox, packed as a `docker save` archive so a
 * plain `docker load -i` on a host brings it in (no Docker needed on this machine).
 */

export const LAB_IMAGE_REPOSITORY = 'swarmlab/busybox';
export const LAB_IMAGE_TAG = '1';
export const LAB_IMAGE_NAME = `${LAB_IMAGE_REPOSITORY}:${LAB_IMAGE_TAG}`;
/** Bump when the image layout changes, so cached archives are rebuilt. */
const IMAGE_RECIPE_VERSION = 1;
/** Fixed timestamps keep the archive byte-identical for the same busybox. */
const IMAGE_CREATED = '1970-01-01T00:00:00Z';

/** Docker's names for Node's CPU architectures. */
export function dockerArchitecture(nodeArch: string): string {
  const names: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386' };
  const name = names[nodeArch];
  if (!name) throw new Error(`no Docker architecture name for ${nodeArch}`);
  return name;
}

export interface ImageMetadataInput {
  /** `sha256:<hex>` of the uncompressed layer tar: Docker checks it on load. */
  layerDiffId: string;
  repository: string;
  tag: string;
  architecture: string;
}

/** The JSON files of a `docker save` archive with one layer, and where they go. */
export interface ImageMetadata {
  configFileName: string;
  configJson: string;
  /** Directory of the single layer inside the archive (holds layer.tar, VERSION, json). */
  layerDir: string;
  layerJson: string;
  manifestJson: string;
  repositoriesJson: string;
}

const sha256Hex = (data: string | Buffer): string =>
  createHash('sha256').update(data).digest('hex');

/** Builds the docker-save metadata. Pure: the same input gives the same bytes. */
export function buildImageMetadata(input: ImageMetadataInput): ImageMetadata {
  const config = {
    architecture: input.architecture,
    os: 'linux',
    created: IMAGE_CREATED,
    config: { Env: ['PATH=/bin'], Cmd: ['sh'], WorkingDir: '/' },
    rootfs: { type: 'layers', diff_ids: [input.layerDiffId] },
    history: [{ created: IMAGE_CREATED, created_by: 'swarmlab lab: busybox-static from Debian' }],
  };
  const configJson = JSON.stringify(config);
  const imageId = sha256Hex(configJson);
  const configFileName = `${imageId}.json`;
  // Legacy v1 layer id: any stable 64-hex name works; derive it from the image.
  const layerDir = sha256Hex(`${input.layerDiffId} ${imageId}`);
  const layerJson = JSON.stringify({
    id: layerDir,
    created: IMAGE_CREATED,
    os: 'linux',
    architecture: input.architecture,
    config: config.config,
  });
  const manifest = [
    {
      Config: configFileName,
      RepoTags: [`${input.repository}:${input.tag}`],
      Layers: [`${layerDir}/layer.tar`],
    },
  ];
  const repositories = { [input.repository]: { [input.tag]: layerDir } };
  return {
    configFileName,
    configJson,
    layerDir,
    layerJson,
    manifestJson: JSON.stringify(manifest),
    repositoriesJson: JSON.stringify(repositories),
  };
}

/** Applet names become file names: keep only plain ones. */
export function usableApplets(busyboxList: string): string[] {
  return busyboxList
    .split('\n')
    .map((name) => name.trim())
    .filter((name) => /^[a-z0-9][a-z0-9._-]*$/.test(name) && name !== 'busybox');
}

function fileSha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** Deterministic tar options: same files in, same bytes out. */
const REPRODUCIBLE_TAR = [
  '--sort=name',
  '--owner=0',
  '--group=0',
  '--numeric-owner',
  '--mtime=@0',
  '--format=gnu',
];

async function buildRootfs(dir: string, busybox: string): Promise<void> {
  await mkdir(join(dir, 'bin'), { recursive: true });
  await mkdir(join(dir, 'etc'));
  await mkdir(join(dir, 'root'));
  await mkdir(join(dir, 'tmp'));
  await chmod(join(dir, 'tmp'), 0o1777);
  await copyFile(busybox, join(dir, 'bin/busybox'));
  await chmod(join(dir, 'bin/busybox'), 0o755);
  for (const applet of usableApplets(await runChecked(busybox, ['--list']))) {
    await symlink('busybox', join(dir, 'bin', applet));
  }
  // httpd, id and ps look users up; give them the two that exist.
  await writeFile(
    join(dir, 'etc/passwd'),
    'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n',
  );
  await writeFile(join(dir, 'etc/group'), 'root:x:0:\nnogroup:x:65534:\n');
}

/** Returns the cached image archive, building it when busybox or the recipe changed. */
export async function ensureImageArchive(): Promise<LabImage> {
  const busybox = await findExecutable('busybox');
  if (!busybox) throw new Error('busybox not found; install with: apt-get install busybox-static');
  const archive = join(IMAGE_ARCHIVE_DIR, `swarmlab-busybox-${LAB_IMAGE_TAG}.tar`);
  const stampFile = `${archive}.stamp`;
  const stamp = `${IMAGE_RECIPE_VERSION} ${await fileSha256(busybox)} ${process.arch}`;
  const cached = await readFile(stampFile, 'utf8').catch(() => '');
  if (cached.trim() === stamp) return { archive, name: LAB_IMAGE_NAME };

  const work = join(IMAGE_ARCHIVE_DIR, `.build-${process.pid}`);
  await rm(work, { recursive: true, force: true });
  try {
    const rootfs = join(work, 'rootfs');
    const stage = join(work, 'archive');
    await buildRootfs(rootfs, busybox);
    await mkdir(stage, { recursive: true });
    const layerTar = join(work, 'layer.tar');
    await runChecked('tar', [
      ...REPRODUCIBLE_TAR,
      '-C',
      rootfs,
      '-cf',
      layerTar,
      'bin',
      'etc',
      'root',
      'tmp',
    ]);
    const metadata = buildImageMetadata({
      layerDiffId: `sha256:${await fileSha256(layerTar)}`,
      repository: LAB_IMAGE_REPOSITORY,
      tag: LAB_IMAGE_TAG,
      architecture: dockerArchitecture(process.arch),
    });
    await mkdir(join(stage, metadata.layerDir));
    await rename(layerTar, join(stage, metadata.layerDir, 'layer.tar'));
    await writeFile(join(stage, metadata.layerDir, 'VERSION'), '1.0');
    await writeFile(join(stage, metadata.layerDir, 'json'), metadata.layerJson);
    await writeFile(join(stage, metadata.configFileName), metadata.configJson);
    await writeFile(join(stage, 'manifest.json'), metadata.manifestJson);
    await writeFile(join(stage, 'repositories'), metadata.repositoriesJson);
    const partial = `${archive}.partial`;
    await runChecked('tar', [
      ...REPRODUCIBLE_TAR,
      '-C',
      stage,
      '-cf',
      partial,
      'manifest.json',
      'repositories',
      metadata.configFileName,
      metadata.layerDir,
    ]);
    await rename(partial, archive);
    await writeFile(stampFile, `${stamp}\n`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return { archive, name: LAB_IMAGE_NAME };
}
