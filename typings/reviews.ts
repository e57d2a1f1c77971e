/**
 * 评价: after pickup a resident rates each item of the order (1-5 stars, text
 * checked by WeChat's content check, up to 6 photos) and the leader's service
 * once. Item pages show a product's average and recent reviews; an admin may
 * hide a review with a reason; bad reviews (≤ BAD_STARS) alert the admin.
 */
export type ReviewKind = 'goods' | 'service';

/** A review at or below this many stars is a bad review: the console counts it until an admin reads it. */
export const BAD_STARS = 2;
export const REVIEW_TEXT_MAX = 200;
export const REVIEW_PHOTOS_MAX = 6;

/** A review as residents see it (hidden ones are never shown to them). */
export interface ReviewView {
  _id: string;
  kind: ReviewKind;
  stars: number;
  text: string;
  /** Photos WeChat's media check passed (security.mediaCheckAsync); others are never shown. */
  photos: string[];
  /** The reviewer as shown: nickname's first character and 「**」, or 邻居. */
  author: string;
  avatar?: string;
  /** The item's title for a goods review. */
  title?: string;
  createdAt: string;
}

/** A product's reviews on its item page: visible goods reviews only, average to one decimal (0 when none). */
export interface ItemReviews {
  count: number;
  average: number;
  recent: ReviewView[];
}

export interface ReviewPage {
  items: ReviewView[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}

/** A leader's service ratings: how many, the average to one decimal (0 when none), a page of them. */
export interface LeaderReviews extends ReviewPage {
  count: number;
  average: number;
}

/** The caller's reviews of one order: what the order page needs for 去评价 / 已评价. */
export interface MyOrderReviews {
  /** Reviewable now: the order was picked up and not reviewed yet. */
  canReview: boolean;
  goods: ReviewView[];
  service?: ReviewView;
}

/** A review in the console: the resident's view plus where it came from and its moderation. */
export interface AdminReviewView extends ReviewView {
  orderId: string;
  orderNo: string;
  productId?: string;
  batchItemId?: string;
  pickupPointId: string;
  leaderId: string;
  hidden?: { reason: string; at: string };
  /** When an admin read this bad review (a bad review without it is counted on the menu). */
  readAt?: string;
  /** Photos still waiting for WeChat's media check, and photos it refused (neither is shown). */
  photosPending: number;
  photosRefused: number;
}
