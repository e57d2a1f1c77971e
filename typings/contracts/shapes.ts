import * as z from 'zod/mini';
import { label } from './define';
import type { OrderStatus } from '../models';

/**
 * Input shapes several contracts share. They carry no label: the field using one
 * names it (`batchId: label(id, '团期')`), because the same id is a
 * 团期 in one place and an 订单 in another.
 */
export const id = z.string().check(z.trim(), z.minLength(1), z.maxLength(64));
export const qty = z.int().check(z.gte(1), z.lte(999));
/** A business day, Asia/Shanghai 'YYYY-MM-DD', that is on the calendar (no 2099-02-30). */
export const day = z
  .string()
  .check(z.regex(/^\d{4}-\d{2}-\d{2}$/, '格式应为 YYYY-MM-DD'), z.regex(z.regexes.date, '不是日历上的日期'));
/** An ISO instant with its offset (on the calendar too: zod's datetime checks the day of the month). */
export const instant = z.iso.datetime({ offset: true });
/** Integer fen. */
export const fen = z.int().check(z.gte(0), z.lte(100_000_000));
export const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
/** A client-made idempotency key (a uuid, or any 8..64 url-safe characters). */
export const requestId = z
  .string()
  .check(z.minLength(8), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/, '只能包含字母、数字、- 和 _'));
/** WeChat Pay's out_refund_no alphabet. */
export const outRefundNo = z.string().check(z.regex(/^[A-Za-z0-9_|*@-]{1,64}$/, '格式不正确'));
/** A cloud storage fileID. */
export const cloudFile = z.string().check(z.maxLength(512), z.regex(/^cloud:\/\/\S+$/, '必须是云存储文件'));
/** cloud:// fileIDs; the demo data's bundled /images/… paths are accepted too. */
export const image = z
  .string()
  .check(z.maxLength(512), z.regex(/^(cloud:\/\/\S+|\/images\/[\w./-]+)$/, '必须是云存储文件'));
export const lat = z.number().check(z.gte(-90), z.lte(90));
export const lng = z.number().check(z.gte(-180), z.lte(180));
/** [longitude, latitude] */
export const lngLat = z.tuple([label(lng, '经度'), label(lat, '纬度')]);

/** Every OrderStatus: a Record, so models.ts gaining a status fails the type check here. */
const ORDER_STATUSES: Record<OrderStatus, true> = {
  pending_payment: true,
  paid: true,
  cancelled: true,
  arrived: true,
  picked_up: true,
  refunding: true,
  refunded: true,
};
export const orderStatus = z.enum(Object.keys(ORDER_STATUSES) as [OrderStatus, ...OrderStatus[]]);

/** Order lines as a client asks for them: item ids and quantities only, prices come from the server. */
export const requestedLines = (max: number) =>
  label(
    z
      .array(z.object({ batchItemId: label(id, '商品'), qty: label(qty, '数量') }))
      .check(z.minLength(1), z.maxLength(max)),
    '商品',
  );
export type RequestedLineInput = z.input<ReturnType<typeof requestedLines>>[number];

/** 1-based paging: page ≤ maxPage, pageSize 1..maxSize (default `size`). */
export const paging = ({ maxSize, size, maxPage = 1000 }: { maxSize: number; size: number; maxPage?: number }) => ({
  page: label(z._default(z.int().check(z.gte(1), z.lte(maxPage)), 1), '页码'),
  pageSize: label(z._default(z.int().check(z.gte(1), z.lte(maxSize)), size), '每页条数'),
});

/** No two lines for the same item. */
export const noDuplicateItems = (lines: Array<{ batchItemId: string }>) =>
  new Set(lines.map((l) => l.batchItemId)).size === lines.length;
