#!/usr/bin/env node
/**
 * Draws the app icon from its one source, resources/icon.svg, in every form the app and
 * electron-builder use: build/icons/<n>x<n>.png (Linux), build/icon.ico (Windows, PNG entries),
 * build/icon.icns (macOS, PNG entries), and resources/icon.png (the window's icon).
 * Run after changing the SVG: node scripts/make-icons.mjs (needs Chromium: /usr/bin/chromium).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, crc32, deflateSync, inflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** icns entry types holding PNG data, by edge length. */
const ICNS_TYPES = {
  16: 'icp4',
  32: 'icp5',
  64: 'icp6',
  128: 'ic07',
  256: 'ic08',
  512: 'ic09',
  1024: 'ic10',
};

/** The same PNG with its image data deflated at the highest level (Chromium writes it fast). */
function smallerPng(png) {
  const chunks = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    chunks.push({
      type: png.toString('latin1', at + 4, at + 8),
      data: png.subarray(at + 8, at + 8 + length),
    });
    at += 12 + length;
  }
  const pixels = inflateSync(
    Buffer.concat(chunks.filter((chunk) => chunk.type === 'IDAT').map((chunk) => chunk.data)),
  );
  const chunk = (type, data) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
    return Buffer.concat([head, data, crc]);
  };
  const kept = chunks.filter((item) => !['IDAT', 'IEND'].includes(item.type));
  return Buffer.concat([
    png.subarray(0, 8),
    ...kept.map((item) => chunk(item.type, item.data)),
    chunk('IDAT', deflateSync(pixels, { level: constants.Z_BEST_COMPRESSION })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const svg = await readFile(join(ROOT, 'resources', 'icon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
});
const pngs = new Map();
try {
  const page = await browser.newPage();
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg style="display:block;width:${size}px;height:${size}px" `)}</body></html>`,
    );
    pngs.set(size, smallerPng(await page.screenshot({ omitBackground: true, type: 'png' })));
  }
} finally {
  await browser.close();
}

await mkdir(join(ROOT, 'build', 'icons'), { recursive: true });
for (const [size, png] of pngs)
  await writeFile(join(ROOT, 'build', 'icons', `${size}x${size}.png`), png);
await writeFile(join(ROOT, 'resources', 'icon.png'), pngs.get(512));

// ICO: a directory of entries, each a whole PNG (Windows Vista and later read these).
const entries = ICO_SIZES.map((size) => pngs.get(size));
const header = Buffer.alloc(6 + 16 * entries.length);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(entries.length, 4);
let offset = header.length;
ICO_SIZES.forEach((size, index) => {
  const at = 6 + 16 * index;
  header.writeUInt8(size >= 256 ? 0 : size, at);
  header.writeUInt8(size >= 256 ? 0 : size, at + 1);
  header.writeUInt16LE(1, at + 4); // colour planes
  header.writeUInt16LE(32, at + 6); // bits per pixel
  header.writeUInt32LE(entries[index].length, at + 8);
  header.writeUInt32LE(offset, at + 12);
  offset += entries[index].length;
});
await writeFile(join(ROOT, 'build', 'icon.ico'), Buffer.concat([header, ...entries]));

// ICNS: 'icns' + total length, then (type, length, PNG) per size.
const chunks = Object.entries(ICNS_TYPES).map(([size, type]) => {
  const png = pngs.get(Number(size));
  const head = Buffer.alloc(8);
  head.write(type, 0, 'latin1');
  head.writeUInt32BE(png.length + 8, 4);
  return Buffer.concat([head, png]);
});
const body = Buffer.concat(chunks);
const icnsHead = Buffer.alloc(8);
icnsHead.write('icns', 0, 'latin1');
icnsHead.writeUInt32BE(body.length + 8, 4);
await writeFile(join(ROOT, 'build', 'icon.icns'), Buffer.concat([icnsHead, body]));
console.log(`icons written: ${SIZES.join(', ')} px, icon.ico, icon.icns, resources/icon.png`);
