import * as z from 'zod/mini';
import type { AfterSaleView, CancelResult, GroupView, MyAfterSaleView, OrderListResult, OrderView } from '../api';
import { REVIEW_PHOTOS_MAX, REVIEW_TEXT_MAX, type MyOrderReviews } from '../reviews';
import { coupons } from './coupons';
import { points } from './points';
import { contract, label, type Input, type Parsed } from './define';
import { cloudFile, id, noDuplicateItems, orderStatus, paging, requestedLines, requestId } from './shapes';

/** 1-5 stars; text may be empty. */
const stars = z.int().check(z.gte(1), z.lte(5));
const reviewText = z._default(z.string().check(z.trim(), z.maxLength(REVIEW_TEXT_MAX)), '');

/** order: the resident's orders. Only item ids and quantities are read from lines: prices come from the server. */
export const order = {
  /** clientRequestId: one per checkout attempt, a retried create answers the same order. */
  create: contract(() =>
    z.object({
      clientRequestId: label(requestId, '请求编号'),
      batchId: label(id, '团期'),
      /** Defaults to the caller's chosen pickup point. */
      pickupPointId: z.optional(label(id, '自提点')),
      lines: requestedLines(20),
      /**
       * 拼团: open a group ({open: true}) or join a shared one ({groupId}). The order is then the
       * group item alone, priced at its group price. Joining a full, ended or unpaid-opener group,
       * or one the caller is in already: INVALID_STATE; a group of another item: NOT_FOUND.
       */
      groupDeal: z.optional(
        label(
          z.union([z.object({ open: label(z.literal(true), '开团') }), z.object({ groupId: label(id, '拼团') })]),
          '拼团',
        ),
      ),
      /** A claimed coupon of the caller's (我的优惠券 _id): the server checks it and computes the discount. */
      couponId: z.optional(label(id, '优惠券')),
      /**
       * 积分抵扣: take as many of the caller's points as the rules allow (typings/points.ts
       * pointsDiscount, on the server's balance); the order says how many it took.
       */
      usePoints: z.optional(label(z.boolean(), '积分抵扣')),
      /**
       * Claimed coupons of the caller's: one, or with the admin's stacking on one platform coupon and
       * one 团长券 (two otherwise: INVALID_INPUT, nothing changed). Not together with couponId.
       */
      couponIds: z.optional(label(z.array(label(id, '优惠券')).check(z.minLength(1), z.maxLength(2)), '优惠券')),
    }),
  ).answers<OrderView>(),
  list: contract(() =>
    z.object({ status: z.optional(label(orderStatus, '订单状态')), ...paging({ maxSize: 20, size: 10 }) }),
  ).answers<OrderListResult>(),
  detail: contract(() => z.object({ orderId: label(id, '订单') })).answers<OrderView>(),
  /**
   * Unpaid: cancelled, stock back. Paid, before the batch's cut-off: stock and limits back and
   * the whole payment refunded. A repeated cancel is harmless (cancelled: false).
   */
  cancel: contract(() => z.object({ orderId: label(id, '订单') })).answers<CancelResult>(),
  afterSale: contract(() =>
    z.object({
      orderId: label(id, '订单'),
      lines: requestedLines(20),
      /** Shown to the reviewing admin as is. */
      reason: label(z.string().check(z.trim(), z.minLength(1), z.maxLength(30)), '售后原因'),
      description: label(z._default(z.string().check(z.maxLength(200)), ''), '问题描述'),
      photos: label(z._default(z.array(label(cloudFile, '照片')).check(z.maxLength(6)), []), '照片'),
    }),
  ).answers<AfterSaleView>(),
  /** The caller's after-sale requests (of one order when given), newest first, with the admin's reason. */
  afterSales: contract(() => z.object({ orderId: z.optional(label(id, '订单')) })).answers<MyAfterSaleView[]>(),
  /**
   * 评价 a picked-up order, once: stars and text per item (photos optional) and the leader's service.
   * Text passes WeChat's content check (CONTENT_RISKY otherwise); a second review is INVALID_STATE.
   */
  review: contract(() =>
    z
      .object({
        orderId: label(id, '订单'),
        goods: label(
          z
            .array(
              z.object({
                batchItemId: label(id, '商品'),
                stars: label(stars, '评分'),
                text: label(reviewText, '评价内容'),
                photos: label(
                  z._default(z.array(label(cloudFile, '照片')).check(z.maxLength(REVIEW_PHOTOS_MAX)), []),
                  '照片',
                ),
              }),
            )
            .check(z.maxLength(20), z.refine(noDuplicateItems, '同一商品只能评价一次')),
          '商品评价',
        ),
        service: z.optional(
          label(z.object({ stars: label(stars, '服务评分'), text: label(reviewText, '服务评价') }), '团长服务'),
        ),
      })
      .check(z.refine((r) => r.goods.length > 0 || r.service !== undefined, '请至少评价一项')),
  ).answers<MyOrderReviews>(),
  /** 拼团 progress for the share card and page: size, paid members, 还差 N 人, expiresAt, members masked. */
  group: contract(() => z.object({ groupId: label(id, '拼团') })).answers<GroupView>(),
  /** The caller's reviews of an order and whether it can still be reviewed. */
  reviews: contract(() => z.object({ orderId: label(id, '订单') })).answers<MyOrderReviews>(),
  ...coupons,
  ...points,
};

export type OrderCreateInput = Input<typeof order.create>;
export type OrderListInput = Input<typeof order.list>;
export type AfterSaleInput = Input<typeof order.afterSale>;
export type ReviewInput = Parsed<typeof order.review>;
export type ReviewRequest = Input<typeof order.review>;
export type { RequestedLineInput } from './shapes';
