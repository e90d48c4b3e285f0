/**
 * `docker save` archives on this machine, recognised by their tar headers (read one by one,
 * never extracted) before their bytes go anywhere: verify.imageArchive is uploaded to every
 * host, so a file that is not an image archive (a key, a copy of /etc/shadow) must stop here.
 *
 * What counts as one: an uncompressed tar, every header intact, no entry outside the archive
 * or of a special kind, and either a `manifest.json` listing images whose config and layers
 * are in the archive (every Docker version writes it) or an OCI layout (`index.json` and
 * `oci-layout`, Docker 25 and later).
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

const BLOCK = 512;
/** Entries read before giving up: a docker save archive holds a handful per layer. */
const MAX_ENTRIES = 100_000;
/** The most bytes read from a metadata entry (manifest.json, index.json, a long name). */
const MAX_METADATA_BYTES = 1024 * 1024;

const GZIP_MAGIC = [0x1f, 0x8b];

export type DockerSaveArchive = { ok: true; content: Buffer } | { ok: false; problem: string };

/**
 * Reads an image archive after checking that it is a `docker save` tar. `problem` completes
 * a sentence about the file: "… is not a tar archive".
 */
export async function readDockerSaveArchive(path: string): Promise<DockerSaveArchive> {
  let handle: FileHandle;
  try {
    // Non-blocking: a named pipe is refused below instead of waiting for a writer.
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ok: false,
      problem: code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`,
    };
  }
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) return { ok: false, problem: 'is a directory, not an archive' };
    if (!stats.isFile()) return { ok: false, problem: 'is not a regular file' };
    const problem = await dockerSaveProblem(handle, stats.size);
    if (problem !== undefined) return { ok: false, problem };
    // The same open file that was checked is the one read: no swap in between.
    return { ok: true, content: await handle.readFile() };
  } catch (error) {
    return { ok: false, problem: `cannot be read (${(error as Error).message})` };
  } finally {
    await handle.close();
  }
}

interface Entry {
  name: string;
  type: string;
  size: number;
  dataOffset: number;
}

/** Why the open file is not a docker save archive, or undefined when it is one. */
async function dockerSaveProblem(
  handle: FileHandle,
  fileSize: number,
): Promise<string | undefined> {
  const head = await readAt(handle, 0, BLOCK);
  if (head.length >= 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1])
    return 'is compressed (gzip): it must be the plain tar docker save writes';
  const walked = await walkTar(handle, fileSize);
  if (typeof walked === 'string') return walked;
  const entries = new Map(walked.map((entry) => [entry.name, entry]));

  const manifestEntry = entries.get('manifest.json');
  if (manifestEntry) {
    const manifest = await readJsonEntry(handle, manifestEntry);
    const referenced = manifestFiles(manifest);
    if (referenced === undefined) return 'has a manifest.json that is not a docker save manifest';
    const missing = referenced.find((name) => !entries.has(normalise(name)));
    if (missing !== undefined)
      return `has a manifest.json naming ${JSON.stringify(missing.slice(0, 100))}, which is not in the archive`;
    return undefined;
  }
  const index = entries.get('index.json');
  if (index && entries.has('oci-layout')) {
    const parsed = await readJsonEntry(handle, index);
    if (!isRecord(parsed) || !Array.isArray(parsed.manifests))
      return 'has an index.json that is not an OCI image index';
    return undefined;
  }
  return 'holds no manifest.json (nor index.json and oci-layout): it is not a docker save archive';
}

/** Every entry of the tar, or why it is not a sound tar. Reads headers only. */
async function walkTar(handle: FileHandle, fileSize: number): Promise<Entry[] | string> {
  const entries: Entry[] = [];
  let offset = 0;
  let longName: string | undefined;
  let paxPath: string | undefined;
  for (;;) {
    if (entries.length > MAX_ENTRIES) return `has more than ${MAX_ENTRIES} entries`;
    const header = await readAt(handle, offset, BLOCK);
    if (header.length < BLOCK) {
      return offset === 0 ? 'is not a tar archive' : 'ends in the middle of the archive';
    }
    if (header.every((byte) => byte === 0)) break;
    if (!checksumMatches(header) || !header.subarray(257, 262).equals(Buffer.from('ustar'))) {
      return offset === 0 ? 'is not a tar archive' : `has a damaged tar header at byte ${offset}`;
    }
    const size = parseSize(header.subarray(124, 136));
    const dataOffset = offset + BLOCK;
    const next = dataOffset + Math.ceil(size / BLOCK) * BLOCK;
    if (size < 0 || next > fileSize) return 'ends in the middle of the archive';
    const type = String.fromCharCode(header[156] ?? 0);
    if (type === 'L' || type === 'x') {
      if (size > MAX_METADATA_BYTES) return `has a tar header entry of ${size} bytes`;
      const data = (await readAt(handle, dataOffset, size)).toString('utf8');
      if (type === 'L') longName = data.replace(/\0.*$/s, '');
      else paxPath = paxValue(data, 'path') ?? paxPath;
    } else if (type === 'g' || type === 'K') {
      // A global PAX header or a GNU long link target: nothing to check.
    } else {
      const name = normalise(paxPath ?? longName ?? headerName(header));
      longName = undefined;
      paxPath = undefined;
      if (!['0', '\0', '5', '2', '1'].includes(type))
        return `holds ${JSON.stringify(name.slice(0, 100))}, a special file no image archive has`;
      if (name.startsWith('/') || name.split('/').includes('..'))
        return `holds ${JSON.stringify(name.slice(0, 100))}, a path outside the archive`;
      entries.push({ name, type, size, dataOffset });
    }
    offset = next;
  }
  return entries.length === 0 ? 'is an empty tar archive' : entries;
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return buffer.subarray(0, filled);
}

async function readJsonEntry(handle: FileHandle, entry: Entry): Promise<unknown> {
  if (entry.size > MAX_METADATA_BYTES) return undefined;
  try {
    return JSON.parse((await readAt(handle, entry.dataOffset, entry.size)).toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The config and layer files a manifest.json names, or undefined when it is no manifest. */
function manifestFiles(manifest: unknown): string[] | undefined {
  if (!Array.isArray(manifest) || manifest.length === 0) return undefined;
  const files: string[] = [];
  for (const image of manifest) {
    if (!isRecord(image) || typeof image.Config !== 'string' || !Array.isArray(image.Layers))
      return undefined;
    if (!image.Layers.every((layer): layer is string => typeof layer === 'string'))
      return undefined;
    files.push(image.Config, ...image.Layers);
  }
  return files;
}

/** The tar checksum: header bytes summed with the checksum field read as spaces. */
function checksumMatches(header: Buffer): boolean {
  const stored = Number.parseInt(
    header.subarray(148, 156).toString('latin1').replace(/[\0 ]/g, ''),
    8,
  );
  if (!Number.isFinite(stored)) return false;
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const byte = i >= 148 && i < 156 ? 0x20 : (header[i] ?? 0);
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  return stored === unsigned || stored === signed;
}

/** Octal, or base-256 when the first byte has its high bit set (GNU, for sizes ≥ 8 GiB). */
function parseSize(field: Buffer): number {
  const first = field[0] ?? 0;
  if (first & 0x80) {
    let value = first & 0x7f;
    for (const byte of field.subarray(1)) value = value * 256 + byte;
    return value;
  }
  const text = field.toString('latin1').replace(/[\0 ]/g, '');
  if (!/^[0-7]*$/.test(text)) return -1;
  return text === '' ? 0 : Number.parseInt(text, 8);
}

function headerName(header: Buffer): string {
  const field = (start: number, end: number) =>
    header.subarray(start, end).toString('utf8').replace(/\0.*$/s, '');
  const name = field(0, 100);
  // POSIX ustar ("ustar\0") keeps a prefix; GNU ("ustar ") uses those bytes for other things.
  const prefix = header[262] === 0 ? field(345, 500) : '';
  return prefix ? `${prefix}/${name}` : name;
}

/** A PAX extended header's value for `key` ("<length> key=value\n" records). */
function paxValue(data: string, key: string): string | undefined {
  for (const record of data.split('\n')) {
    const match = /^\d+ ([^=]+)=(.*)$/s.exec(record);
    if (match?.[1] === key) return match[2];
  }
  return undefined;
}

/** "./blobs/sha256/…/" → "blobs/sha256/…". */
function normalise(name: string): string {
  return name.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
