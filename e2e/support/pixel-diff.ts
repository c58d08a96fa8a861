import type { Page } from "@playwright/test";

export interface PixelDiff {
  width: number;
  height: number;
  /** Pixels whose colour differs by more than the per-channel tolerance. */
  different: number;
  ratio: number;
}

/**
 * Compares two PNG screenshots pixel by pixel in the browser's own decoder (a canvas), so no
 * image library is needed. `page` should be a blank page (a page's CSP may refuse the work).
 * Sizes may differ by one pixel of rounding (the common area is compared); a pixel counts as
 * different when any channel differs by more than `channelTolerance` (anti-aliasing moves
 * edges by a few levels).
 */
export async function diffPngs(
  page: Page,
  a: Buffer,
  b: Buffer,
  channelTolerance = 48,
): Promise<PixelDiff> {
  // A string, not a function: this tsconfig has no DOM types, and the code runs in the page.
  const args = JSON.stringify({
    a: a.toString("base64"),
    b: b.toString("base64"),
    channelTolerance,
  });
  return page.evaluate(`(${inPage})(${args})`) as Promise<PixelDiff>;
}

const inPage = `async ({ a, b, channelTolerance }) => {
  const decode = async (base64) => {
    const bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
    const blob = new Blob([bytes], { type: "image/png" });
    const bitmap = await createImageBitmap(blob);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext("2d");
    ctx.drawImage(bitmap, 0, 0);
    return ctx.getImageData(0, 0, bitmap.width, bitmap.height);
  };
  const [x, y] = await Promise.all([decode(a), decode(b)]);
  // An element at a fractional offset is cropped to whole pixels either way: one pixel more or
  // less is rounding, anything larger is a different layout.
  if (Math.abs(x.width - y.width) > 1 || Math.abs(x.height - y.height) > 1) {
    throw new Error("sizes differ: " + x.width + "x" + x.height + " and " + y.width + "x" + y.height);
  }
  const width = Math.min(x.width, y.width);
  const height = Math.min(x.height, y.height);
  // Pixels differing over the common area, with x and y cropped at the given offsets.
  const count = (xx, xy, yx, yy) => {
    let different = 0;
    for (let row = 0; row < height; row++) {
      for (let col = 0; col < width; col++) {
        const i = ((row + xy) * x.width + col + xx) * 4;
        const j = ((row + yy) * y.width + col + yx) * 4;
        for (let c = 0; c < 4; c++) {
          if (Math.abs(x.data[i + c] - y.data[j + c]) > channelTolerance) {
            different += 1;
            break;
          }
        }
      }
    }
    return different;
  };
  // Where one is a pixel larger, its extra row or column may be at either edge: best of both.
  let different = Infinity;
  for (let xx = 0; xx <= x.width - width; xx++)
    for (let xy = 0; xy <= x.height - height; xy++)
      for (let yx = 0; yx <= y.width - width; yx++)
        for (let yy = 0; yy <= y.height - height; yy++)
          different = Math.min(different, count(xx, xy, yx, yy));
  return { width, height, different, ratio: different / (width * height) };
}`;
