import type { reviews } from '../../typings/contracts/admin/reviews';
import { now } from '../core/infra/clock';
import type { ActionTable } from '../core/infra/handler';
import { requireAdmin } from '../core/usecases/admin/access';
import { hideReview, listReviews, readReviews, showReview } from '../core/usecases/review/moderate';

export const reviewActions: ActionTable<typeof reviews> = {
  'reviews.list': async (input, ctx) => {
    await requireAdmin(ctx);
    return listReviews(input);
  },
  'reviews.hide': async ({ id, reason }, ctx) => {
    const admin = await requireAdmin(ctx);
    return hideReview(id, reason, admin._id, now());
  },
  'reviews.show': async ({ id }, ctx) => {
    await requireAdmin(ctx);
    return showReview(id);
  },
  'reviews.read': async ({ ids }, ctx) => {
    await requireAdmin(ctx);
    return readReviews(ids, now());
  },
};
