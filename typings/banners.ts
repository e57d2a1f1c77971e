/**
 * 首页轮播图: banners the admin sets in the console's 设置 (settings/banners),
 * shown in a swiper at the top of the mini-program's home, in their order.
 */
export const BANNERS_MAX = 5;

/** The mini-program pages a banner may open, with the names the console shows for them. */
export const BANNER_PAGES = {
  'pages/cart/index': '购物车',
  'pages/orders/index': '我的订单',
  'pages/me/index': '我的',
  'packages/user/pickup-points/index': '选择自提点',
  'packages/leader/apply/index': '申请当团长',
} as const;
export type BannerPage = keyof typeof BANNER_PAGES;

/**
 * Where a tap on a banner goes: a product (its item in the batch home shows;
 * the title is the product's, filled in by the server), or a page.
 */
export type BannerLink = { kind: 'item'; productId: string; title: string } | { kind: 'page'; page: BannerPage };

export interface Banner {
  /** cloud:// fileID, uploaded like product pictures. */
  image: string;
  /** None: the banner is only a picture. */
  link?: BannerLink;
  /** Off: kept in the console, not shown. */
  enabled: boolean;
}

/** catalog.banners: the banners on show, in order. */
export interface HomeBanners {
  banners: Array<Omit<Banner, 'enabled'>>;
}
