import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildImageMetadata,
  dockerArchitecture,
  usableApplets,
} from '../../../electron/engine/lab/image-archive';

const diffId = `sha256:${'ab'.repeat(32)}`;
const metadata = buildImageMetadata({
  layerDiffId: diffId,
  repository: 'swarmlab/busybox',
  tag: '1',
  architecture: 'amd64',
});

describe('docker-save metadata', () => {
  it('names the config file after the sha256 of its bytes (the image id)', () => {
    const id = createHash('sha256').update(metadata.configJson).digest('hex');
    expect(metadata.configFileName).toBe(`${id}.json`);
  });

  it('lists the layer diff id, os, architecture and default command in the config', () => {
    const config = JSON.parse(metadata.configJson) as Record<string, unknown>;
    expect(config).toMatchObject({
      os: 'linux',
      architecture: 'amd64',
      config: { Cmd: ['sh'] },
      rootfs: { type: 'layers', diff_ids: [diffId] },
    });
  });

  it('points manifest.json at the config, the tag and the layer tar', () => {
    expect(JSON.parse(metadata.manifestJson)).toEqual([
      {
        Config: metadata.configFileName,
        RepoTags: ['swarmlab/busybox:1'],
        Layers: [`${metadata.layerDir}/layer.tar`],
      },
    ]);
    expect(metadata.layerDir).toMatch(/^[0-9a-f]{64}$/);
  });

  it('maps the tag to the layer in the legacy repositories file', () => {
    expect(JSON.parse(metadata.repositoriesJson)).toEqual({
      'swarmlab/busybox': { '1': metadata.layerDir },
    });
  });

  it('is deterministic', () => {
    const again = buildImageMetadata({
      layerDiffId: diffId,
      repository: 'swarmlab/busybox',
      tag: '1',
      architecture: 'amd64',
    });
    expect(again).toEqual(metadata);
  });
});

describe('busybox applets', () => {
  it('keeps plain applet names and drops busybox itself and odd names', () => {
    expect(usableApplets('[\n[[\nsh\nhttpd\nbusybox\nrun-parts\n../evil\n\n')).toEqual([
      'sh',
      'httpd',
      'run-parts',
    ]);
  });
});

describe('dockerArchitecture', () => {
  it('uses Docker names for Node architectures', () => {
    expect(dockerArchitecture('x64')).toBe('amd64');
    expect(dockerArchitecture('arm64')).toBe('arm64');
    expect(() => dockerArchitecture('mips')).toThrow(/mips/);
  });
});
