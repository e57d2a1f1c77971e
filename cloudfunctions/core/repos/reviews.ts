import type { ReviewKind } from '../../../typings/reviews';
import { cmd, collection } from './db';

/**
 * collection `reviews`, _id `<orderId>|<batchItemId>` for an item and `<orderId>|service`
 * for the leader's service: inserting it is the one review of that line, however often it is sent.
 */
export interface ReviewDoc {
  _id: string;
  kind: ReviewKind;
  orderId: string;
  orderNo: string;
  openid: string;
  batchId: string;
  pickupPointId: string;
  leaderId: string;
  productId?: string;
  batchItemId?: string;
  title?: string;
  stars: number;
  text: string;
  /**
   * The resident's photos by the trace_id of their media check, in the order sent: shown once
   * WeChat's verdict is pass; pending until it arrives; refused (never shown) otherwise.
   */
  photoChecks: Record<string, { fileID: string; index: number; status: PhotoStatus }>;
  /** Trace ids still waiting for their verdict (the push finds the review by one). */
  pendingTraces: string[];
  author: string;
  avatar?: string;
  /** stars ≤ BAD_STARS, kept for the console's filter and badge. */
  bad: boolean;
  hidden?: { reason: string; by: string; at: Date };
  readAt?: Date;
  createdAt: Date;
}

export type PhotoStatus = 'pending' | 'pass' | 'refused';

const reviews = () => collection('reviews');
const $ = cmd.aggregate;

export const reviewIdOf = (orderId: string, line: string) => `${orderId}|${line}`;

export const reviewById = (id: string) => reviews().orNothing(() => reviews().byId(id), undefined);

/** False when that line's review exists already (sent twice, or from two phones at once). */
export const insertReviewOnce = (doc: ReviewDoc) => reviews().creating(() => reviews().insertOnce(doc));

export const reviewsOfOrder = (orderId: string, openid: string) =>
  reviews().orNothing(() => reviews().find({ orderId, openid }, { limit: 50 }), []);

const visibleOf = (productId: string) => ({ productId, kind: 'goods', hidden: cmd.exists(false) });
const serviceOf = (leaderId: string) => ({ leaderId, kind: 'service', hidden: cmd.exists(false) });

/** Visible reviews matching `where`, newest first, one more than asked (the caller tells hasMore from it). */
const newestOf = (where: object, page: { page: number; pageSize: number }) =>
  reviews().orNothing(
    () =>
      reviews().find(where, {
        orderBy: [
          ['createdAt', 'desc'],
          ['_id', 'asc'],
        ],
        skip: (page.page - 1) * page.pageSize,
        limit: page.pageSize + 1,
      }),
    [],
  );

export const productReviews = (productId: string, page: { page: number; pageSize: number }) =>
  newestOf(visibleOf(productId), page);

export const leaderServiceReviews = (leaderId: string, page: { page: number; pageSize: number }) =>
  newestOf(serviceOf(leaderId), page);

/** How many visible reviews match and their stars summed: one aggregation. */
async function ratingOf(where: object): Promise<{ count: number; stars: number }> {
  const rows = await reviews().orNothing(
    async () =>
      (
        (await reviews()
          .raw.aggregate()
          .match(where)
          .group({ _id: null, count: $.sum(1), stars: $.sum('$stars') })
          .end()) as { list: Array<{ count: number; stars: number }> }
      ).list,
    [],
  );
  return rows[0] ?? { count: 0, stars: 0 };
}

export const productRating = (productId: string) => ratingOf(visibleOf(productId));
export const leaderRating = (leaderId: string) => ratingOf(serviceOf(leaderId));

export type ReviewFilter = 'all' | 'bad' | 'hidden';

const whereOf = (filter: ReviewFilter, kind?: ReviewKind) => ({
  ...(filter === 'bad' ? { bad: true } : {}),
  ...(filter === 'hidden' ? { hidden: cmd.exists(true) } : {}),
  ...(kind ? { kind } : {}),
});

/** The console's list, newest first, with an exact total. */
export const reviewsPage = (
  filter: ReviewFilter,
  kind: ReviewKind | undefined,
  page: { page: number; pageSize: number },
) =>
  reviews().orNothing(
    () =>
      reviews().page(whereOf(filter, kind), {
        orderBy: [
          ['createdAt', 'desc'],
          ['_id', 'asc'],
        ],
        ...page,
      }),
    { items: [], total: 0 },
  );

/** Bad reviews no admin has read or hidden yet: the menu's badge. */
export const unreadBadCount = () =>
  reviews().orNothing(() => reviews().count({ bad: true, readAt: cmd.exists(false), hidden: cmd.exists(false) }), 0);

/** Hides a review (and so reads it); false when it is hidden already. */
export const hideReview = async (id: string, hidden: ReviewDoc['hidden'] & object) =>
  (await reviews().orNothing(
    () => reviews().update({ _id: id, hidden: cmd.exists(false) }, { hidden, readAt: hidden.at }),
    0,
  )) > 0;

export const showReview = async (id: string) =>
  (await reviews().orNothing(
    () => reviews().update({ _id: id, hidden: cmd.exists(true) }, { hidden: cmd.remove() }),
    0,
  )) > 0;

export const markReviewsRead = (ids: string[], at: Date) =>
  reviews().orNothing(() => reviews().update({ _id: cmd.in(ids), readAt: cmd.exists(false) }, { readAt: at }), 0);

/** A wxa_media_check verdict on one photo, once: false when no review waits for that trace. */
export const settlePhotoCheck = async (traceId: string, pass: boolean) =>
  (await reviews().orNothing(
    () =>
      reviews().update(
        { pendingTraces: traceId },
        { [`photoChecks.${traceId}.status`]: pass ? 'pass' : 'refused', pendingTraces: cmd.pull(traceId) },
      ),
    0,
  )) > 0;
