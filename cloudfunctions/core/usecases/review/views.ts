import type { AdminReviewView, ReviewView } from '../../../../typings/reviews';
import type { ReviewDoc } from '../../repos/reviews';

/** How a reviewer is shown to other residents: the nickname's first character and 「**」, or 邻居. */
export function authorOf(nickname: string | undefined): string {
  const first = nickname ? Array.from(nickname.trim())[0] : undefined;
  return first ? `${first}**` : '邻居';
}

export function reviewView(r: ReviewDoc): ReviewView {
  return {
    _id: r._id,
    kind: r.kind,
    stars: r.stars,
    text: r.text,
    photos: r.photos,
    author: r.author,
    ...(r.avatar ? { avatar: r.avatar } : {}),
    ...(r.title ? { title: r.title } : {}),
    createdAt: r.createdAt.toISOString(),
  };
}

export function adminReviewView(r: ReviewDoc): AdminReviewView {
  return {
    ...reviewView(r),
    orderId: r.orderId,
    orderNo: r.orderNo,
    ...(r.productId ? { productId: r.productId, batchItemId: r.batchItemId } : {}),
    pickupPointId: r.pickupPointId,
    leaderId: r.leaderId,
    ...(r.hidden ? { hidden: { reason: r.hidden.reason, at: r.hidden.at.toISOString() } } : {}),
    ...(r.readAt ? { readAt: r.readAt.toISOString() } : {}),
  };
}
