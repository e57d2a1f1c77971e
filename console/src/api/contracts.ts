/**
 * The admin function's contract as the console uses it: re-exported from the
 * shared typings (typings/admin.ts, leader.ts, commission.ts). The leader
 * actions are documented in typings/leader.ts as a comment only; their
 * shapes are written out here from that comment, in one place.
 * Times are ISO strings on the wire; money is integer fen.
 */
import type { AdminApi } from '../../../typings/admin';
import type { CommissionApi } from '../../../typings/commission';
import type {
  ApplicationStatus,
  ApplicationView,
  LeaderSummary,
  NoShowAction,
  TrainingView,
} from '../../../typings/leader';

export type {
  AdminOrderView,
  AdminSettings,
  AfterSaleAdminView,
  BatchAdminView,
  BatchDetail,
  BatchItemAdminView,
  BatchItemInput,
  CategoryView,
  Dashboard,
  DeliveryRouteView,
  NoticeView,
  PackingListView,
  Paged,
  ProductStatus,
  ProductView,
  PurchaseOrderView,
  StockSuggestion,
  SupplierView,
  SupplyStatus,
} from '../../../typings/admin';
export type { CommissionSettings, CommissionTier, WithdrawalStatus, WithdrawalView } from '../../../typings/commission';
export type {
  ApplicationStatus,
  ApplicationView,
  LeaderSummary,
  NoShowAction,
  TrainingView,
} from '../../../typings/leader';

interface Action<I, O> {
  input: I;
  output: O;
}

/** A page of a leader-area list (hasMore instead of total). */
export interface LeaderPage<T> {
  items: T[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}

export interface NoShowInput {
  action: NoShowAction;
  /** Hours after the end of the pickup day before the rule applies, 0..168. */
  graceHours: number;
  /** Reminder this many hours before the pickup deadline, 0..24. */
  remindHoursBefore?: number;
}

/** The leader area of the admin function (typings/leader.ts, "admin (console)"). */
export interface LeaderAdminApi {
  'leaders.applications': Action<
    { status?: ApplicationStatus; page?: number; pageSize?: number },
    LeaderPage<ApplicationView>
  >;
  'leaders.review': Action<{ applicationId: string; approve: boolean; reason?: string }, ApplicationView>;
  'leaders.list': Action<{ page?: number; pageSize?: number; batchId?: string }, LeaderPage<LeaderSummary>>;
  'leaders.setPointActive': Action<
    { pickupPointId: string; active: boolean },
    { pickupPointId: string; active: boolean; changed: boolean }
  >;
  'settings.noShow': Action<NoShowInput, NoShowInput & { _id: 'noShow' }>;
  'training.publish': Action<{ title: string; body: string; url?: string }, TrainingView>;
}

/** Every action of the `admin` function the console calls. */
export type ConsoleAdminApi = AdminApi & CommissionApi['admin'] & LeaderAdminApi;
export type ConsoleAction = keyof ConsoleAdminApi & string;
export type ConsoleInput<A extends ConsoleAction> = ConsoleAdminApi[A]['input'];
export type ConsoleOutput<A extends ConsoleAction> = ConsoleAdminApi[A]['output'];
