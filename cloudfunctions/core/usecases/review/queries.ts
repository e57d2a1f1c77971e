import type { ItemReviews, LeaderReviews, MyOrderReviews, ReviewPage } from '../../../../typings/reviews';
import type { Order } from '../../../../typings/models';
import { fail } from '../../domain/errors';
import * as orders from '../../repos/orders';
import * as reviews from '../../repos/reviews';
import type { ReviewDoc } from '../../repos/reviews';
import { reviewView } from './views';

/** How many reviews the item page shows under the average. */
const RECENT = 3;

/** The caller's reviews of one of their orders, and whether 去评价 is still offered. */
export async function myOrderReviews(
  openid: string,
  orderId: string,
  deps: { orders: Pick<typeof orders, 'ownOrder'>; reviews: Pick<typeof reviews, 'reviewsOfOrder'> } = {
    orders,
    reviews,
  },
): Promise<MyOrderReviews> {
  const [order, mine] = await Promise.all([
    deps.orders.ownOrder(orderId, openid),
    deps.reviews.reviewsOfOrder(orderId, openid),
  ]);
  if (!order) throw fail.notFound('订单');
  return orderReviewsView(order, mine);
}

/** An order's reviews in its lines' order, the service apart. */
export function orderReviewsView(order: Pick<Order, 'status' | 'lines'>, mine: ReviewDoc[]): MyOrderReviews {
  const service = mine.find((r) => r.kind === 'service');
  const lineOrder = order.lines.map((l) => l.batchItemId);
  const goods = mine
    .filter((r) => r.kind === 'goods')
    .sort((a, b) => lineOrder.indexOf(a.batchItemId!) - lineOrder.indexOf(b.batchItemId!));
  return {
    canReview: order.status === 'picked_up' && mine.length === 0,
    goods: goods.map(reviewView),
    ...(service ? { service: reviewView(service) } : {}),
  };
}

const averageOf = ({ count, stars }: { count: number; stars: number }) =>
  count ? Math.round((stars / count) * 10) / 10 : 0;

type Paging = { page: number; pageSize: number };

/** A page from one more than asked for. */
function pageOf(found: ReviewDoc[], page: Paging): ReviewPage {
  return {
    items: found.slice(0, page.pageSize).map(reviewView),
    page: page.page,
    pageSize: page.pageSize,
    hasMore: found.length > page.pageSize,
  };
}

export async function productReviewPage(productId: string, page: Paging): Promise<ReviewPage> {
  return pageOf(await reviews.productReviews(productId, page), page);
}

/** 服务评分 for the leader's own page: their service ratings, average and newest first. */
export async function leaderReviewPage(leaderId: string, page: Paging): Promise<LeaderReviews> {
  const [rating, found] = await Promise.all([
    reviews.leaderRating(leaderId),
    reviews.leaderServiceReviews(leaderId, page),
  ]);
  return { count: rating.count, average: averageOf(rating), ...pageOf(found, page) };
}

/** The item page's block: average to one decimal over the product's visible reviews, and the newest few. */
export async function itemReviews(productId: string): Promise<ItemReviews> {
  const [rating, recent] = await Promise.all([
    reviews.productRating(productId),
    reviews.productReviews(productId, { page: 1, pageSize: RECENT }),
  ]);
  return {
    count: rating.count,
    average: averageOf(rating),
    recent: recent.slice(0, RECENT).map(reviewView),
  };
}
