import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { drawColorIcon, drawOutlineIcon, ICON_FILES, type RgbaImage } from './icons';

/** The icons as PNG files (8-bit RGBA), named as the manifest names them. */
export function renderIcons(): Array<{ name: string; image: RgbaImage; png: Buffer }> {
  return [
    { name: ICON_FILES.color, image: drawColorIcon() },
    { name: ICON_FILES.outline, image: drawOutlineIcon() },
  ].map(({ name, image }) => ({ name, image, png: encodePng(image) }));
}

function encodePng(image: RgbaImage): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.pixels);
  // Filter 0 ("none") on every row and plain deflate (pngjs defaults to adaptive filters with
  // run-length deflate): for flat icons this is the smallest file, a twentieth of the default.
  return PNG.sync.write(png, {
    colorType: 6,
    inputColorType: 6,
    bitDepth: 8,
    filterType: 0,
    deflateLevel: 9,
    deflateStrategy: 0,
  });
}

/**
 * Writes `manifest/color.png` and `manifest/outline.png` from the drawings in `icons.ts`. The PNGs
 * are committed; run this (`npx tsx manifest/make-icons.ts`) only after changing the drawing.
 */
function main(): void {
  for (const { name, image, png } of renderIcons()) {
    const file = path.join(__dirname, name);
    writeFileSync(file, png);
    process.stdout.write(`wrote ${file} (${image.width}×${image.height})\n`);
  }
}

if (require.main === module) main();
