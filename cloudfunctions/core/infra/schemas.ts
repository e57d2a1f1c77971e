import { z } from 'zod';

/** Shapes shared by several actions' input schemas. */
export const id = z.string().trim().min(1).max(64);
export const qty = z.number().int().min(1).max(999);
export const requestedLines = (max: number) =>
  z
    .array(z.object({ batchItemId: id, qty }))
    .min(1)
    .max(max);
