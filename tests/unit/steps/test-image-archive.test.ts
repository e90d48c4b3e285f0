/**
 * verify.imageArchive must be a `docker save` archive, checked on this machine before anything
 * is uploaded (security issue, finding 8): an inventory cannot ship an arbitrary local file
 * (a key, /etc/shadow, a gzip of anything) to every host.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { validateInventory } from '../../../electron/engine/inventory';
import type { Inventory } from '../../../electron/engine/inventory';
import { buildImageMetadata } from '../../../electron/engine/lab/image-archive';
import type { ExecResult, RemoteHost, StepContext } from '../../../electron/engine/steps/step';
import { StepFailure } from '../../../electron/engine/steps/step';
import { testImageStep } from '../../../electron/engine/steps/test-image';

const dir = mkdtempSync(join(tmpdir(), 'swarmlab-image-archive-'));

function tar(archive: string, cwd: string, entries: string[], extra: string[] = []): string {
  execFileSync('tar', [...extra, '-C', cwd, '-cf', archive, ...entries]);
  return archive;
}

/** A legacy `docker save` archive, laid out as the lab builds it (one layer). */
function legacyArchive(): string {
  const stage = mkdtempSync(join(dir, 'legacy-'));
  const rootfs = join(stage, 'rootfs');
  mkdirSync(join(rootfs, 'bin'), { recursive: true });
  writeFileSync(join(rootfs, 'bin', 'hello'), '#!/bin/sh\necho hello\n');
  const layer = join(stage, 'layer.tar');
  tar(layer, rootfs, ['bin']);
  const metadata = buildImageMetadata({
    layerDiffId: `sha256:${'cd'.repeat(32)}`,
    repository: 'swarmlab/busybox',
    tag: '1',
    architecture: 'amd64',
  });
  const image = join(stage, 'image');
  mkdirSync(join(image, metadata.layerDir), { recursive: true });
  execFileSync('cp', [layer, join(image, metadata.layerDir, 'layer.tar')]);
  writeFileSync(join(image, metadata.layerDir, 'VERSION'), '1.0');
  writeFileSync(join(image, metadata.layerDir, 'json'), metadata.layerJson);
  writeFileSync(join(image, metadata.configFileName), metadata.configJson);
  writeFileSync(join(image, 'manifest.json'), metadata.manifestJson);
  writeFileSync(join(image, 'repositories'), metadata.repositoriesJson);
  return tar(join(dir, 'legacy.tar'), image, [
    'manifest.json',
    'repositories',
    metadata.configFileName,
    metadata.layerDir,
  ]);
}

/** An OCI-layout archive as Docker 25+ saves it (index.json, oci-layout, blobs/). */
function ociArchive(): string {
  const image = mkdtempSync(join(dir, 'oci-'));
  const blob = 'ef'.repeat(32);
  mkdirSync(join(image, 'blobs', 'sha256'), { recursive: true });
  writeFileSync(join(image, 'blobs', 'sha256', blob), '{}');
  writeFileSync(join(image, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(
    join(image, 'index.json'),
    JSON.stringify({ schemaVersion: 2, manifests: [{ digest: `sha256:${blob}` }] }),
  );
  // A long name makes GNU tar write a ././@LongLink entry first; the check must follow it.
  const longDir = join(image, 'blobs', 'sha256', 'x'.repeat(120));
  mkdirSync(longDir);
  writeFileSync(join(longDir, 'y'.repeat(40)), 'long');
  return tar(join(dir, 'oci.tar'), image, ['blobs', 'index.json', 'oci-layout'], ['--format=gnu']);
}

/** A remote that records every command and upload; none may happen for a refused archive. */
function recordingRemote() {
  const calls: string[] = [];
  const remote: RemoteHost = {
    host: {
      id: 'node01',
      address: '192.0.2.1',
      port: 22,
      user: 'root',
      role: 'manager',
      hostname: 'node01',
    },
    async exec(script: string): Promise<ExecResult> {
      calls.push(`exec ${script}`);
      return { exitCode: 0, stdout: '', stderr: '', durationMs: 1 };
    },
    async uploadFile(path: string, content: string | Buffer) {
      calls.push(`upload ${path} ${content.length}`);
    },
    readFile: () => Promise.reject(new Error('not used')),
  };
  return { remote, calls };
}

function contextFor(imageArchive: string, remote: RemoteHost): StepContext<Inventory> {
  const checked = validateInventory({
    hosts: [{ address: '192.0.2.1', role: 'manager', passwordEnv: 'PW' }],
    verify: { imageArchive },
  });
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return {
    host: remote.host,
    hosts: [remote.host],
    remote,
    remoteFor: () => remote,
    options: checked.inventory,
    shared: new Map(),
    addSecret: () => undefined,
    warn: () => undefined,
    log: () => undefined,
    signal: new AbortController().signal,
    tools: {},
    othersFinished: async () => undefined,
    aside: (wait) => wait,
  };
}

describe('verify.imageArchive', () => {
  it.each([
    ['a legacy docker save archive', legacyArchive],
    ['an OCI-layout docker save archive (Docker 25+)', ociArchive],
  ])('uploads %s, then loads it', async (_name, make) => {
    const archive = make();
    const { remote, calls } = recordingRemote();
    await testImageStep.apply?.(contextFor(archive, remote), false);
    expect(calls[0]).toMatch(/^upload \/tmp\/swarmlab-test-image\.tar \d+$/);
    expect(calls[1]).toMatch(/^exec docker load -i /);
  });

  const refused: [string, () => string][] = [
    [
      'a copy of a passwd file',
      () => {
        const file = join(dir, 'passwd');
        writeFileSync(file, 'root:x:0:0:root:/root:/bin/bash\n'.repeat(40));
        return file;
      },
    ],
    [
      'a private key',
      () => {
        const file = join(dir, 'id_ed25519');
        writeFileSync(
          file,
          '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n',
        );
        return file;
      },
    ],
    [
      'a gzip (even of a docker save archive)',
      () => {
        const file = join(dir, 'image.tar.gz');
        writeFileSync(file, gzipSync(execFileSync('cat', [legacyArchive()])));
        return file;
      },
    ],
    [
      'a tar of other files',
      () => {
        const stage = mkdtempSync(join(dir, 'other-'));
        writeFileSync(join(stage, 'shadow'), 'root:$6$salt$hash:19000:0:99999:7:::\n');
        return tar(join(dir, 'other.tar'), stage, ['shadow']);
      },
    ],
    [
      'a tar whose manifest.json is not a docker manifest',
      () => {
        const stage = mkdtempSync(join(dir, 'fake-manifest-'));
        writeFileSync(join(stage, 'manifest.json'), '{"hello": "world"}');
        writeFileSync(join(stage, 'secrets.txt'), 'not an image');
        return tar(join(dir, 'fake-manifest.tar'), stage, ['manifest.json', 'secrets.txt']);
      },
    ],
    [
      'a tar with only index.json (no oci-layout)',
      () => {
        const stage = mkdtempSync(join(dir, 'index-only-'));
        writeFileSync(join(stage, 'index.json'), '{"schemaVersion":2,"manifests":[]}');
        return tar(join(dir, 'index-only.tar'), stage, ['index.json']);
      },
    ],
    [
      'a docker save archive with a damaged header',
      () => {
        const file = join(dir, 'damaged.tar');
        const bytes = execFileSync('cat', [legacyArchive()]);
        bytes[0] = (bytes[0] ?? 0) ^ 0x20; // the first name byte: the checksum no longer matches
        writeFileSync(file, bytes);
        return file;
      },
    ],
    [
      'an empty file',
      () => {
        const file = join(dir, 'empty.tar');
        writeFileSync(file, '');
        return file;
      },
    ],
    ['a directory', () => mkdtempSync(join(dir, 'a-directory-'))],
    ['a device that never ends', () => '/dev/zero'],
    ['a missing file', () => join(dir, 'missing.tar')],
  ];

  it.each(refused)(
    'refuses %s before any remote call, naming the field and the fix',
    async (_name, make) => {
      const archive = make();
      const { remote, calls } = recordingRemote();
      const failure = await Promise.resolve(
        testImageStep.apply?.(contextFor(archive, remote), false),
      ).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(StepFailure);
      expect((failure as StepFailure).message).toContain('verify.imageArchive');
      expect((failure as StepFailure).message).toContain(archive);
      expect((failure as StepFailure).fix).toContain('docker save');
      expect(calls).toEqual([]);
    },
  );
});
