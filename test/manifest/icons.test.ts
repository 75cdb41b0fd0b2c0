import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { drawColorIcon, drawOutlineIcon, ICON_FILES } from '../../manifest/icons';
import { renderIcons } from '../../manifest/make-icons';

const manifestDir = path.join(__dirname, '..', '..', 'manifest');
const committed = (name: string) => PNG.sync.read(readFileSync(path.join(manifestDir, name)));

function alphas(pixels: Uint8Array): number[] {
  return Array.from(pixels.filter((_, index) => index % 4 === 3));
}

describe('the app icons', () => {
  it('the committed PNGs are exactly what make-icons draws (regenerate after changing a drawing)', () => {
    expect(new Uint8Array(committed(ICON_FILES.color).data)).toEqual(drawColorIcon().pixels);
    expect(new Uint8Array(committed(ICON_FILES.outline).data)).toEqual(drawOutlineIcon().pixels);
  });

  it('make-icons writes 8-bit RGBA PNGs that read back as the drawings', () => {
    for (const { image, png } of renderIcons()) {
      const decoded = PNG.sync.read(png);
      expect(decoded).toMatchObject({ width: image.width, height: image.height });
      expect(decoded).toMatchObject({ colorType: 6, depth: 8 });
      expect(new Uint8Array(decoded.data)).toEqual(image.pixels);
    }
  });

  it('the colour icon is 192×192 and fully opaque', () => {
    const png = committed(ICON_FILES.color);
    expect(png).toMatchObject({ width: 192, height: 192 });
    expect(alphas(png.data).every((alpha) => alpha === 255)).toBe(true);
  });

  it('the outline icon is 32×32, white wherever it is not transparent', () => {
    const png = committed(ICON_FILES.outline);
    expect(png).toMatchObject({ width: 32, height: 32, alpha: true });
    const pixels = png.data;
    const opaqueCount = alphas(pixels).filter((alpha) => alpha > 0).length;
    expect(opaqueCount).toBeGreaterThan(100);
    expect(opaqueCount).toBeLessThan(32 * 32 - 100);
    for (let index = 0; index < pixels.length; index += 4) {
      if (pixels[index + 3] === 0) continue;
      expect([pixels[index], pixels[index + 1], pixels[index + 2]]).toEqual([255, 255, 255]);
    }
  });
});
