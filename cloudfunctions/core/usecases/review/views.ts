import type { AdminReviewView, ReviewView } from '../../../../typings/reviews';
import type { PhotoStatus, ReviewDoc } from '../../repos/reviews';

/** The photos in the order sent that have this check status. */
const photosWith = (r: ReviewDoc, status: PhotoStatus) =>
  Object.values(r.photoChecks ?? {})
    .filter((c) => c.status === status)
    .sort((a, b) => a.index - b.index)
    .map((c) => c.fileID);

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
    // Only photos WeChat's media check passed are shown to anybody.
    photos: photosWith(r, 'pass'),
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
    photosPending: photosWith(r, 'pending').length,
    photosRefused: photosWith(r, 'refused').length,
  };
}
