import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { drawColorIcon, drawOutlineIcon, ICON_FILES } from './icons';
import { encodePng } from './png';

/**
 * Writes `manifest/color.png` and `manifest/outline.png` from the drawings in `icons.ts`. The PNGs
 * are committed; run this (`npx tsx manifest/make-icons.ts`) only after changing the drawing.
 */
function main(): void {
  const files = [
    [ICON_FILES.color, drawColorIcon()],
    [ICON_FILES.outline, drawOutlineIcon()],
  ] as const;
  for (const [name, image] of files) {
    const file = path.join(__dirname, name);
    writeFileSync(file, encodePng(image));
    process.stdout.write(`wrote ${file} (${image.width}×${image.height})\n`);
  }
}

main();
