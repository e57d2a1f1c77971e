import * as z from 'zod/mini';
import { contract, label, type Input } from '../define';
import { day, id } from '../shapes';

/** One Shanghai day of the funnel: distinct residents at each step. */
export interface FunnelDay {
  date: string;
  /** From the mini-program's events. */
  viewed: number;
  carted: number;
  checkout: number;
  /** From paid orders (the truth, not events): residents who paid an order that went ahead that day… */
  ordered: number;
  /** …and, of those orders, residents who have picked theirs up. */
  pickedUp: number;
}

export interface Funnel {
  from: string;
  to: string;
  batchId?: string;
  /** Every day from..to, zeros included. */
  days: FunnelDay[];
  /** Sums of the days (resident-days: a resident on two days counts twice). */
  total: Omit<FunnelDay, 'date'>;
}

export interface Cohort {
  /** Monday (Shanghai) of the week of the residents' first paid order. */
  week: string;
  residents: number;
  /** retained[k]: residents of the cohort who paid an order again in week k+1 after it (only weeks that have begun). */
  retained: number[];
}

export interface PointActivity {
  /** Monday..Sunday (Shanghai) of the week shown. */
  from: string;
  to: string;
  points: Array<{
    pickupPointId: string;
    name: string;
    leaderId: string;
    /** Residents who chose the point. */
    residents: number;
    /** Residents who paid an order there this week (some may have chosen another point since). */
    ordering: number;
    /** ordering / residents, 0..1 (0 without residents). */
    activeRate: number;
    /** Residents who opened the leader's share this week. */
    shareOpens: number;
  }>;
}

export const analytics = {
  /** Inclusive Shanghai days, at most 31; a batch narrows events and orders to it. */
  'analytics.funnel': contract(() =>
    z.object({ from: label(day, '开始日期'), to: label(day, '结束日期'), batchId: z.optional(label(id, '团期')) }),
  ).answers<Funnel>(),
  /** Weekly cohorts by first paid order, the last `weeks` weeks (default 8) up to `day` (default today). */
  'analytics.cohorts': contract(() =>
    z.object({
      weeks: z.optional(label(z.int().check(z.gte(2), z.lte(12)), '周数')),
      day: z.optional(label(day, '日期')),
    }),
  ).answers<{ cohorts: Cohort[] }>(),
  /** Per pickup point, the week containing `day` (default today): how many of its residents ordered. */
  'analytics.points': contract(() => z.object({ day: z.optional(label(day, '日期')) })).answers<PointActivity>(),
};

export type FunnelInput = Input<(typeof analytics)['analytics.funnel']>;
export type CohortsInput = Input<(typeof analytics)['analytics.cohorts']>;
