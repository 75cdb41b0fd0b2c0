/**
 * The app's icons, drawn in code so they can be regenerated exactly (`manifest/make-icons.ts`):
 * a checklist of three rows: two ticked, one still an open box. Teams wants a 192×192 colour icon (a full
 * background; Teams rounds the corners itself) and a 32×32 outline icon that is white on a
 * transparent background.
 */
export const ICON_FILES = { color: 'color.png', outline: 'outline.png' } as const;

/** An image as 8-bit RGBA pixels, row by row from the top left. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  /** `width * height * 4` bytes: red, green, blue, alpha. */
  readonly pixels: Uint8Array;
}

/** Background of the colour icon, also the manifest's `accentColor`. */
export const ACCENT_COLOR = '#1F6F8B';

export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

/** Is the point (x, y), in a unit square with y pointing down, part of the checklist glyph? */
type Shape = (x: number, y: number) => boolean;

const ROW_CENTRES = [0.17, 0.5, 0.83] as const;
const BOX_HALF = 0.12;
const STROKE = 0.07;

function hollowBox(cx: number, cy: number, half: number, stroke: number): Shape {
  return (x, y) => {
    const dx = Math.abs(x - cx);
    const dy = Math.abs(y - cy);
    const inOuter = dx <= half && dy <= half;
    const inInner = dx < half - stroke && dy < half - stroke;
    return inOuter && !inInner;
  };
}

/** A line from (x1, y1) to (x2, y2) with round ends. */
function stroke(x1: number, y1: number, x2: number, y2: number, width: number): Shape {
  const lengthSquared = (x2 - x1) ** 2 + (y2 - y1) ** 2;
  return (x, y) => {
    const t = Math.max(
      0,
      Math.min(1, ((x - x1) * (x2 - x1) + (y - y1) * (y2 - y1)) / lengthSquared),
    );
    const distance = Math.hypot(x - (x1 + t * (x2 - x1)), y - (y1 + t * (y2 - y1)));
    return distance <= width / 2;
  };
}

function tick(cx: number, cy: number): Shape {
  const down = stroke(cx - 0.1, cy, cx - 0.03, cy + 0.08, 0.08);
  const up = stroke(cx - 0.03, cy + 0.08, cx + 0.11, cy - 0.1, 0.08);
  return (x, y) => down(x, y) || up(x, y);
}

const boxCentreX = 0.14;
const checklist: readonly Shape[] = ROW_CENTRES.flatMap((cy, row) => [
  row < 2 ? tick(boxCentreX, cy) : hollowBox(boxCentreX, cy, BOX_HALF, STROKE),
  stroke(0.4, cy, 0.96, cy, 0.09),
]);

const SUPERSAMPLING = 4;

/** How much of each pixel the glyph covers (0..1), with the glyph scaled into a centred square. */
function glyphCoverage(size: number, glyphSize: number): Float64Array {
  const coverage = new Float64Array(size * size);
  const origin = (size - glyphSize) / 2;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let hits = 0;
      for (let sy = 0; sy < SUPERSAMPLING; sy += 1) {
        for (let sx = 0; sx < SUPERSAMPLING; sx += 1) {
          const x = (px + (sx + 0.5) / SUPERSAMPLING - origin) / glyphSize;
          const y = (py + (sy + 0.5) / SUPERSAMPLING - origin) / glyphSize;
          if (checklist.some((shape) => shape(x, y))) hits += 1;
        }
      }
      coverage[py * size + px] = hits / SUPERSAMPLING ** 2;
    }
  }
  return coverage;
}

function hexToRgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

/** 192×192: a white checklist on the accent colour, the glyph inside Teams' central safe area. */
export function drawColorIcon(): RgbaImage {
  const size = COLOR_ICON_SIZE;
  const coverage = glyphCoverage(size, 112);
  const background = hexToRgb(ACCENT_COLOR);
  const pixels = new Uint8Array(size * size * 4);
  coverage.forEach((amount, index) => {
    for (let channel = 0; channel < 3; channel += 1) {
      const base = background[channel] ?? 0;
      pixels[index * 4 + channel] = Math.round(base + (255 - base) * amount);
    }
    pixels[index * 4 + 3] = 255;
  });
  return { width: size, height: size, pixels };
}

/** 32×32: the same checklist in white, everything else transparent (edges anti-aliased by alpha). */
export function drawOutlineIcon(): RgbaImage {
  const size = OUTLINE_ICON_SIZE;
  const coverage = glyphCoverage(size, 28);
  const pixels = new Uint8Array(size * size * 4);
  coverage.forEach((amount, index) => {
    pixels.fill(255, index * 4, index * 4 + 3);
    pixels[index * 4 + 3] = Math.round(255 * amount);
  });
  return { width: size, height: size, pixels };
}
