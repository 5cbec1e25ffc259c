import fs from 'fs';
import os from 'os';
import path from 'path';
import zlib from 'zlib';

import type { Core } from '@strapi/strapi';

/** A CRC-32 of PNG chunk bytes (the PNG format asks for one per chunk). */
const crc32 = (bytes: Buffer) => {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
};

const chunk = (type: string, data: Buffer) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

/** A valid RGB PNG of this size, one flat colour: real bytes Strapi's upload (sharp) can read. */
export const pngBytes = (
  width: number,
  height: number,
  rgb: [number, number, number] = [200, 80, 40]
) => {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3)]);
  for (let x = 0; x < width; x += 1) row.set(rgb, 1 + x * 3);
  const pixels = zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
};

/** Puts a PNG in the Media Library through Strapi's upload service; answers the file row. */
export async function uploadImage(
  strapi: Core.Strapi,
  { name = 'cover.png', width = 400, height = 300, alternativeText = 'A cover' } = {}
): Promise<{ id: number; url: string; alternativeText: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blog-media-'));
  const filepath = path.join(dir, name);
  const bytes = pngBytes(width, height);
  fs.writeFileSync(filepath, bytes);
  try {
    const [file] = await strapi
      .plugin('upload')
      .service('upload')
      .upload({
        data: { fileInfo: { alternativeText, name } },
        files: { filepath, originalFilename: name, mimetype: 'image/png', size: bytes.length },
      });
    return file;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
