/** The tab pages, in the order the custom tab bar shows them (团长 only to leaders). */
export const TAB_PAGES = {
  home: 'pages/home/index',
  cart: 'pages/cart/index',
  orders: 'pages/orders/index',
  leader: 'pages/leader/index',
  me: 'pages/me/index',
} as const;

export type TabPage = (typeof TAB_PAGES)[keyof typeof TAB_PAGES];

/**
 * Marks a tab page's item in the custom tab bar (each tab page has its own bar
 * instance, so each page's onShow tells its bar). Harmless where there is no bar.
 */
export function syncTabBar(
  page: { getTabBar?: () => WechatMiniprogram.Component.TrivialInstance | null },
  route: TabPage,
) {
  const bar = typeof page.getTabBar === 'function' ? page.getTabBar() : null;
  if (bar && (bar.data as { selected?: string }).selected !== route) bar.setData({ selected: route });
}
