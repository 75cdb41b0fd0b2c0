import { inflateSync } from 'node:zlib';

export interface PngInfo {
  readonly width: number;
  readonly height: number;
  readonly colorType: number;
  readonly bitDepth: number;
}

const SIGNATURE = '89504e470d0a1a0a';

function chunks(png: Buffer): { type: string; data: Buffer }[] {
  if (png.subarray(0, 8).toString('hex') !== SIGNATURE) throw new Error('not a PNG');
  const found: { type: string; data: Buffer }[] = [];
  for (let offset = 8; offset < png.length;) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    found.push({ type, data: png.subarray(offset + 8, offset + 8 + length) });
    offset += 12 + length;
  }
  return found;
}

/** Width, height and pixel format, read from the IHDR chunk (always the first). */
export function readPngInfo(png: Buffer): PngInfo {
  const header = chunks(png)[0];
  if (header?.type !== 'IHDR') throw new Error('the first chunk is not IHDR');
  return {
    width: header.data.readUInt32BE(0),
    height: header.data.readUInt32BE(4),
    bitDepth: header.data.readUInt8(8),
    colorType: header.data.readUInt8(9),
  };
}

/** The RGBA pixels of an 8-bit RGBA PNG whose rows all use filter 0, as `encodePng` writes them. */
export function readRgbaPixels(png: Buffer): Uint8Array {
  const { width, height, bitDepth, colorType } = readPngInfo(png);
  if (bitDepth !== 8 || colorType !== 6) throw new Error('only 8-bit RGBA is read here');
  const data = Buffer.concat(
    chunks(png)
      .filter((chunk) => chunk.type === 'IDAT')
      .map((chunk) => chunk.data),
  );
  const scanlines = inflateSync(data);
  const stride = width * 4;
  const pixels = new Uint8Array(stride * height);
  for (let row = 0; row < height; row += 1) {
    const filter = scanlines[row * (stride + 1)];
    if (filter !== 0) throw new Error(`row ${row} uses filter ${filter}; only 0 is read here`);
    const start = row * (stride + 1) + 1;
    pixels.set(scanlines.subarray(start, start + stride), row * stride);
  }
  return pixels;
}
