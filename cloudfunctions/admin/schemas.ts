import { z } from 'zod';

/** Input shapes shared by the catalog and supply console actions. */
export const page = {
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
};
export const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD');
export const instant = z.iso.datetime({ offset: true });
export const fen = z.number().int().min(0).max(100_000_000);
export const name = (max: number) => z.string().trim().min(1).max(max);
/** cloud:// fileIDs; the demo data's bundled /images/… paths are accepted too. */
export const image = z
  .string()
  .max(512)
  .regex(/^(cloud:\/\/\S+|\/images\/[\w./-]+)$/, '必须是云存储 fileID');
export const refundLines = z
  .array(z.object({ batchItemId: z.string().trim().min(1).max(64), qty: z.number().int().min(1).max(999) }))
  .min(1)
  .max(20);
