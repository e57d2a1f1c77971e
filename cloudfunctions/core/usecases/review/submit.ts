import type { ReviewInput } from '../../../../typings/contracts/order';
import { BAD_STARS, type MyOrderReviews } from '../../../../typings/reviews';
import { fail } from '../../domain/errors';
import { checkText, requestImageChecks, REVIEW_SCENE } from '../../infra/content-check';
import * as orders from '../../repos/orders';
import * as reviews from '../../repos/reviews';
import type { ReviewDoc } from '../../repos/reviews';
import * as users from '../../repos/users';
import { rewardReview } from '../points/rewards';
import { orderReviewsView } from './queries';
import { authorOf } from './views';

export interface ReviewDeps {
  orders: Pick<typeof orders, 'ownOrder'>;
  reviews: Pick<typeof reviews, 'insertReviewOnce' | 'reviewsOfOrder'>;
  users: Pick<typeof users, 'userById'>;
  checkText: typeof checkText;
  requestImageChecks: typeof requestImageChecks;
  /** 评价奖励 (points, once per order). */
  rewardReview: typeof rewardReview;
}

export const reviewDeps: ReviewDeps = { orders, reviews, users, checkText, requestImageChecks, rewardReview };

/**
 * 评价: the resident who picked the order up rates its items and the leader's
 * service, once each. Every item must be on the order; the text passes WeChat's
 * content check before anything is stored; each line's review is inserted under
 * its own id, so a second submit (or two phones at once) stores nothing more and
 * is told 已评价过.
 */
export async function submitReview(
  openid: string,
  input: ReviewInput,
  now: Date,
  deps: ReviewDeps = reviewDeps,
): Promise<MyOrderReviews> {
  const order = await deps.orders.ownOrder(input.orderId, openid);
  if (!order) throw fail.notFound('订单');
  if (order.status !== 'picked_up') throw fail.state('取货后才能评价');
  const lines = input.goods.map((g) => {
    const line = order.lines.find((l) => l.batchItemId === g.batchItemId);
    if (!line) throw fail.invalid(`订单中没有该商品: ${g.batchItemId}`);
    // Only what the resident took home is rated (a line refunded in full, e.g. 未成团, was never received).
    if (line.pickedQty <= 0) throw fail.invalid(`${line.title}没有取货，不能评价`);
    return { g, line };
  });
  const [existing, user] = await Promise.all([
    deps.reviews.reviewsOfOrder(order._id, openid),
    deps.users.userById(openid),
  ]);
  const done = new Set(existing.map((r) => r._id));
  const ids = lines.map(({ g }) => reviews.reviewIdOf(order._id, g.batchItemId));
  if (input.service) ids.push(reviews.reviewIdOf(order._id, 'service'));
  if (ids.some((id) => done.has(id))) throw fail.state('已评价过');
  await deps.checkText(
    openid,
    [...input.goods.map((g) => g.text), input.service?.text ?? ''].join('\n').trim(),
    REVIEW_SCENE,
  );
  // Each photo goes to WeChat's media check; it is shown only once the verdict says pass.
  const traces = await Promise.all(lines.map(({ g }) => deps.requestImageChecks(openid, g.photos)));

  const base = {
    orderId: order._id,
    orderNo: order.orderNo,
    openid,
    batchId: order.batchId,
    pickupPointId: order.pickupPointId,
    leaderId: order.leaderId,
    author: authorOf(user?.nickname),
    ...(user?.avatar ? { avatar: user.avatar } : {}),
    createdAt: now,
  };
  const docs: ReviewDoc[] = lines.map(({ g, line }, i) => ({
    ...base,
    ...photoChecksOf(g.photos, traces[i]),
    _id: reviews.reviewIdOf(order._id, g.batchItemId),
    kind: 'goods',
    productId: line.productId,
    batchItemId: line.batchItemId,
    title: line.title,
    stars: g.stars,
    text: g.text,
    bad: g.stars <= BAD_STARS,
  }));
  if (input.service)
    docs.push({
      ...base,
      _id: reviews.reviewIdOf(order._id, 'service'),
      kind: 'service',
      stars: input.service.stars,
      text: input.service.text,
      photoChecks: {},
      pendingTraces: [],
      bad: input.service.stars <= BAD_STARS,
    });
  const inserted = await Promise.all(docs.map((d) => deps.reviews.insertReviewOnce(d)));
  if (!inserted.some(Boolean)) throw fail.state('已评价过');
  await deps.rewardReview(openid, order._id, now);
  // The order is in hand: only its reviews are read again (a doubled submit may have stored some of these).
  return orderReviewsView(order, await deps.reviews.reviewsOfOrder(order._id, openid));
}

/** A photo whose check could not be asked for is left out: nothing unchecked is ever shown. */
function photoChecksOf(
  photos: string[],
  traces: Array<string | undefined>,
): Pick<ReviewDoc, 'photoChecks' | 'pendingTraces'> {
  const photoChecks: ReviewDoc['photoChecks'] = {};
  photos.forEach((fileID, index) => {
    const trace = traces[index];
    if (trace) photoChecks[trace] = { fileID, index, status: 'pending' };
  });
  return { photoChecks, pendingTraces: Object.keys(photoChecks) };
}
