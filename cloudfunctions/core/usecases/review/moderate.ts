import type { AdminReviewPage } from '../../../../typings/contracts/admin/reviews';
import type { AdminReviewView, ReviewKind } from '../../../../typings/reviews';
import { fail } from '../../domain/errors';
import * as reviews from '../../repos/reviews';
import { adminReviewView } from './views';

export async function listReviews(input: {
  filter: reviews.ReviewFilter;
  kind?: ReviewKind;
  page: number;
  pageSize: number;
}): Promise<AdminReviewPage> {
  const [{ items, total }, unreadBad] = await Promise.all([
    reviews.reviewsPage(input.filter, input.kind, input),
    reviews.unreadBadCount(),
  ]);
  return { items: items.map(adminReviewView), total, page: input.page, pageSize: input.pageSize, unreadBad };
}

async function found(id: string) {
  const review = await reviews.reviewById(id);
  if (!review) throw fail.notFound('评价');
  return review;
}

/** 隐藏: residents no longer see it and the item's average leaves it out; the reason stays for the console. */
export async function hideReview(id: string, reason: string, adminId: string, now: Date): Promise<AdminReviewView> {
  await found(id);
  if (!(await reviews.hideReview(id, { reason, by: adminId, at: now }))) throw fail.state('该评价已隐藏');
  return adminReviewView(await found(id));
}

export async function showReview(id: string): Promise<AdminReviewView> {
  await found(id);
  if (!(await reviews.showReview(id))) throw fail.state('该评价没有隐藏');
  return adminReviewView(await found(id));
}

export const readReviews = async (ids: string[], now: Date) => ({ read: await reviews.markReviewsRead(ids, now) });
