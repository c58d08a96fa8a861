import { z } from "zod";

// Path ids are checked for shape only; a well-formed id of another tenant still answers 404.
const pathId = z.string().min(1).max(100);

export const productParams = z.object({ productId: pathId });
export const messageParams = z.object({ productId: pathId, id: pathId });
export const keyParams = z.object({ productId: pathId, keyId: pathId });
