import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router';
import type { Role } from '../../typings/models';
import { session } from './api/session';
import ConsoleLayout from './layout/ConsoleLayout.vue';

export interface MenuMeta {
  title: string;
  icon: string;
  /** Who sees the page (and its menu item); the server checks again on every call. */
  roles: Role[];
}

const ADMIN: Role[] = ['admin'];
const BOTH: Role[] = ['admin', 'supplier'];

/** The side menu is these routes, in this order, filtered by the session's roles. */
export const menuRoutes: Array<RouteRecordRaw & { meta: MenuMeta }> = [
  {
    path: 'dashboard',
    name: 'dashboard',
    component: () => import('./pages/DashboardPage.vue'),
    meta: { title: '数据看板', icon: 'DataLine', roles: ADMIN },
  },
  {
    path: 'analytics',
    name: 'analytics',
    component: () => import('./pages/AnalyticsPage.vue'),
    meta: { title: '用户行为', icon: 'TrendCharts', roles: ADMIN },
  },
  {
    path: 'pricing',
    name: 'pricing',
    component: () => import('./pages/PricingPage.vue'),
    meta: { title: '智能定价', icon: 'PriceTag', roles: ADMIN },
  },
  {
    path: 'suppliers',
    name: 'suppliers',
    component: () => import('./pages/SuppliersPage.vue'),
    meta: { title: '供应商', icon: 'OfficeBuilding', roles: ADMIN },
  },
  {
    path: 'categories',
    name: 'categories',
    component: () => import('./pages/CategoriesPage.vue'),
    meta: { title: '类目与佣金', icon: 'Files', roles: ADMIN },
  },
  {
    path: 'products',
    name: 'products',
    component: () => import('./pages/ProductsPage.vue'),
    meta: { title: '商品', icon: 'Goods', roles: BOTH },
  },
  {
    path: 'batches',
    name: 'batches',
    component: () => import('./pages/BatchesPage.vue'),
    meta: { title: '团期', icon: 'Calendar', roles: ADMIN },
  },
  {
    path: 'orders',
    name: 'orders',
    component: () => import('./pages/OrdersPage.vue'),
    meta: { title: '订单', icon: 'Tickets', roles: ADMIN },
  },
  {
    path: 'after-sales',
    name: 'after-sales',
    component: () => import('./pages/AfterSalesPage.vue'),
    meta: { title: '售后审核', icon: 'Service', roles: ADMIN },
  },
  {
    path: 'reviews',
    name: 'reviews',
    component: () => import('./pages/ReviewsPage.vue'),
    meta: { title: '评价管理', icon: 'ChatLineSquare', roles: ADMIN },
  },
  {
    path: 'coupons',
    name: 'coupons',
    component: () => import('./pages/CouponsPage.vue'),
    meta: { title: '优惠券', icon: 'Ticket', roles: ADMIN },
  },
  {
    path: 'leaders',
    name: 'leaders',
    component: () => import('./pages/LeadersPage.vue'),
    meta: { title: '团长与自提点', icon: 'User', roles: ADMIN },
  },
  {
    path: 'supply',
    name: 'supply',
    component: () => import('./pages/SupplyPage.vue'),
    meta: { title: '采购单与分拣单', icon: 'Box', roles: BOTH },
  },
  {
    path: 'routes',
    name: 'routes',
    component: () => import('./pages/RoutesPage.vue'),
    meta: { title: '配送路线', icon: 'Van', roles: ADMIN },
  },
  {
    path: 'sales',
    name: 'sales',
    component: () => import('./pages/SalesPage.vue'),
    meta: { title: '销售统计', icon: 'Histogram', roles: BOTH },
  },
  {
    path: 'settlement',
    name: 'settlement',
    component: () => import('./pages/SettlementPage.vue'),
    meta: { title: '对账结算', icon: 'Money', roles: BOTH },
  },
  {
    path: 'commissions',
    name: 'commissions',
    component: () => import('./pages/CommissionsPage.vue'),
    meta: { title: '佣金与提现', icon: 'Wallet', roles: ADMIN },
  },
  {
    path: 'notices',
    name: 'notices',
    component: () => import('./pages/NoticesPage.vue'),
    meta: { title: '消息发件箱', icon: 'Message', roles: ADMIN },
  },
  {
    path: 'settings',
    name: 'settings',
    component: () => import('./pages/SettingsPage.vue'),
    meta: { title: '设置', icon: 'Setting', roles: ADMIN },
  },
];

export function canSee(meta: MenuMeta, roles: Role[]): boolean {
  return meta.roles.some((r) => roles.includes(r));
}

export function homeFor(roles: Role[]): string {
  const first = menuRoutes.find((r) => canSee(r.meta, roles));
  return first ? `/${first.path}` : '/login';
}

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue') },
    { path: '/batches/new', redirect: '/batches' },
    {
      path: '/',
      component: ConsoleLayout,
      children: [
        { path: '', redirect: () => homeFor(session.value?.roles ?? []) },
        ...menuRoutes,
        {
          path: 'batches/create',
          name: 'batch-create',
          component: () => import('./pages/BatchCreatePage.vue'),
          meta: { title: '新建团期', icon: 'Plus', roles: ADMIN },
        },
      ],
    },
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
});

router.beforeEach((to) => {
  if (to.name === 'login') return true;
  const s = session.value;
  if (!s) return { name: 'login', query: { next: to.fullPath } };
  const meta = to.meta as Partial<MenuMeta>;
  if (meta.roles && !canSee(meta as MenuMeta, s.roles)) return homeFor(s.roles);
  return true;
});

router.afterEach((to) => {
  const title = (to.meta as Partial<MenuMeta>).title;
  document.title = title ? `${title} · 社区团购管理后台` : '社区团购管理后台';
});
