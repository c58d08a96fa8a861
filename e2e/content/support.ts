import type { Locator, Page } from "@playwright/test";

/** Drags a block from Puck's list to the end of the canvas's root drop zone, as a pointer would. */
export async function dragBlock(page: Page, name: string) {
  const source = page.getByRole("region", { name: "Blocks" }).getByTestId(`drawer-item:${name}`);
  const zone = page.getByRole("region", { name: "Canvas" }).locator("[data-puck-dropzone]").first();
  const from = (await source.boundingBox())!;
  const to = (await zone.boundingBox())!;
  const x = from.x + from.width / 2;
  const y = from.y + from.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 12, y + 12, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height - 6, { steps: 20 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height - 3, { steps: 4 });
  await page.mouse.up();
}

/** A block on the canvas, by its type (each is drawn by the shared renderer, labelled). */
export const block = (canvas: Locator, type: string) =>
  canvas.locator(`[data-testid="rendered-content"][aria-label="${type} block"]`).first();
