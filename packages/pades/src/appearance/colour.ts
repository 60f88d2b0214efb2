/**
 * Colours in the space a PDF/A file allows: DeviceRGB needs an RGB output intent, DeviceCMYK a
 * CMYK one, DeviceGray goes with either (ISO 19005-2 §6.2.4.3). Colours are designed in RGB and
 * converted here; neutral greys are always written as DeviceGray.
 */

export type ColourSpace = 'DeviceRGB' | 'DeviceGray' | 'DeviceCMYK';
export type Rgb = readonly [number, number, number];

/** The operator and operands that set `rgb` as the fill (or stroke) colour in `space`. */
export function colourOperation(space: ColourSpace, rgb: Rgb, stroke: boolean): [string, number[]] {
  const [r, g, b] = rgb;
  if ((r === g && g === b) || space === 'DeviceGray') return [stroke ? 'G' : 'g', [luma(r, g, b)]];
  if (space === 'DeviceRGB') return [stroke ? 'RG' : 'rg', [r, g, b]];
  return [stroke ? 'K' : 'k', cmyk(r, g, b)];
}

/** Converts 8-bit image samples to the target space; grey stays grey, which every space accepts. */
export function convertSamples(
  pixels: Uint8Array, from: 'DeviceGray' | 'DeviceRGB', to: ColourSpace,
): { pixels: Uint8Array; colorSpace: 'DeviceGray' | 'DeviceRGB' | 'DeviceCMYK' } {
  if (from === 'DeviceGray' || to === 'DeviceRGB') return { pixels, colorSpace: from };
  const n = pixels.length / 3;
  if (to === 'DeviceGray') {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = Math.round(255 * luma(pixels[i * 3]! / 255, pixels[i * 3 + 1]! / 255, pixels[i * 3 + 2]! / 255));
    return { pixels: out, colorSpace: 'DeviceGray' };
  }
  const out = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    const c = cmyk(pixels[i * 3]! / 255, pixels[i * 3 + 1]! / 255, pixels[i * 3 + 2]! / 255);
    for (let k = 0; k < 4; k++) out[i * 4 + k] = Math.round(255 * c[k]!);
  }
  return { pixels: out, colorSpace: 'DeviceCMYK' };
}

function luma(r: number, g: number, b: number): number {
  return Math.round((0.299 * r + 0.587 * g + 0.114 * b) * 1000) / 1000;
}

/** Naive RGB → CMYK with full black generation; exact enough for a frame, text and a pen stroke. */
function cmyk(r: number, g: number, b: number): number[] {
  const k = 1 - Math.max(r, g, b);
  if (k >= 1) return [0, 0, 0, 1];
  return [(1 - r - k) / (1 - k), (1 - g - k) / (1 - k), (1 - b - k) / (1 - k), k].map((v) => Math.round(v * 1000) / 1000);
}
