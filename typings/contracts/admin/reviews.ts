import * as z from 'zod/mini';
import type { AdminReviewView } from '../../reviews';
import { contract, label } from '../define';
import { id, text } from '../shapes';
import { page, type Paged } from './common';

/** The console's reviews list: unreadBad counts the bad reviews no admin has read yet (the menu's badge). */
export interface AdminReviewPage extends Paged<AdminReviewView> {
  unreadBad: number;
}

/** 评价管理 (admin): read residents' reviews, hide one with a reason (and show it again), mark bad ones read. */
export const reviews = {
  'reviews.list': contract(() =>
    z.object({
      /** bad: ≤ 2 stars; hidden: hidden by an admin. */
      filter: label(z._default(z.enum(['all', 'bad', 'hidden']), 'all'), '筛选'),
      kind: z.optional(label(z.enum(['goods', 'service']), '评价类型')),
      ...page,
    }),
  ).answers<AdminReviewPage>(),
  'reviews.hide': contract(() =>
    z.object({ id: label(id, '评价'), reason: label(text(50), '隐藏原因') }),
  ).answers<AdminReviewView>(),
  'reviews.show': contract(() => z.object({ id: label(id, '评价') })).answers<AdminReviewView>(),
  'reviews.read': contract(() =>
    z.object({ ids: label(z.array(label(id, '评价')).check(z.minLength(1), z.maxLength(100)), '评价') }),
  ).answers<{ read: number }>(),
};
