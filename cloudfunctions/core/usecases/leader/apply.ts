import { createHash } from 'node:crypto';
import type { ApplyInput } from '../../../../typings/contracts/leader';
import type { ApplicationStatus, ApplicationView, LeaderApplication } from '../../../../typings/leader';
import type { Leader, PickupPoint, User } from '../../../../typings/models';
import { fail } from '../../domain/errors';
import { checkText } from '../../infra/content-check';
import { tempFileUrls } from '../../infra/wechat';
import { inTransaction } from '../../repos/db';
import {
  applicationIn,
  applicationsNewestFirst,
  applicationsOf,
  insertApplication,
  latestApplicationOf,
  updateApplicationIn,
} from '../../repos/leader-applications';
import { putLeaderIn } from '../../repos/leaders';
import { putPointIn } from '../../repos/pickup-points';
import { setRolesIn, userIn } from '../../repos/users';

/** The leader and point ids an approved user gets: derived from the openid (≤ 30 chars, what a scene carries). */
const idPart = (openid: string) => createHash('sha256').update(`leader|${openid}`).digest('hex').slice(0, 16);
export const leaderIdFor = (openid: string) => `ld-${idPart(openid)}`;
export const pointIdFor = (openid: string) => `pp-${idPart(openid)}`;

/** [lng, lat] of a stored GeoJSON point (plain or as the SDK's Geo.Point reads back). */
export function lngLat(loc: any): [number, number] {
  if (Array.isArray(loc?.coordinates)) return [Number(loc.coordinates[0]), Number(loc.coordinates[1])];
  return [Number(loc?.longitude), Number(loc?.latitude)];
}

const iso = (d?: Date | string) => (d ? new Date(d).toISOString() : undefined);

export function applicationView(a: LeaderApplication, admin = false): ApplicationView {
  const [lng, lat] = lngLat(a.location);
  return {
    _id: a._id,
    name: a.name,
    phone: a.phone,
    address: a.address,
    pointName: a.pointName,
    location: { lat, lng },
    hours: a.hours,
    photo: a.photo,
    status: a.status,
    ...(a.reason ? { reason: a.reason } : {}),
    createdAt: iso(a.createdAt)!,
    ...(a.reviewedAt ? { reviewedAt: iso(a.reviewedAt) } : {}),
    ...(a.leaderId ? { leaderId: a.leaderId, pickupPointId: a.pickupPointId } : {}),
    ...(admin ? { openid: a.openid } : {}),
  };
}

/**
 * 申请成为团长. One pending application per user: the _id counts the user's
 * earlier applications, so parallel applies collide on it; a pending one
 * refuses a new one; a leader cannot apply. Text is checked by msgSecCheck
 * before anything is stored.
 */
export async function applyForLeader(user: User, input: ApplyInput, at: Date): Promise<ApplicationView> {
  if (user.roles.includes('leader')) throw fail.state('您已经是团长');
  const mine = await applicationsOf(user._id);
  if (mine.some((a) => a.status === 'pending')) throw fail.state('已有待审核的申请');
  const pointName = input.pointName ?? `${input.name}的自提点`;
  await checkText(user._id, [input.name, pointName, input.address, input.hours].join('\n'));
  const application: LeaderApplication = {
    _id: `${user._id}#${mine.length}`,
    openid: user._id,
    name: input.name,
    phone: input.phone,
    address: input.address,
    pointName,
    location: { type: 'Point', coordinates: [input.location.lng, input.location.lat] },
    hours: input.hours,
    photo: input.photo,
    status: 'pending',
    createdAt: at,
  };
  if (!(await insertApplication(application))) throw fail.state('已有待审核的申请');
  return applicationView(application);
}

export async function myApplication(openid: string): Promise<ApplicationView | null> {
  const latest = await latestApplicationOf(openid);
  return latest ? applicationView(latest) : null;
}

export async function listApplications(q: {
  status?: ApplicationStatus;
  page: number;
  pageSize: number;
}): Promise<{ items: ApplicationView[]; page: number; pageSize: number; hasMore: boolean }> {
  const docs = await applicationsNewestFirst(q.status, (q.page - 1) * q.pageSize, q.pageSize + 1);
  const page = docs.slice(0, q.pageSize);
  const urls = await tempFileUrls(page.map((a) => a.photo));
  return {
    items: page.map((a) => ({
      ...applicationView(a, true),
      ...(urls.get(a.photo) ? { photoUrl: urls.get(a.photo) } : {}),
    })),
    page: q.page,
    pageSize: q.pageSize,
    hasMore: docs.length > q.pageSize,
  };
}

/**
 * 审核. One transaction: the application leaves 'pending' (a second review
 * finds it reviewed: INVALID_STATE), and on approval the user gets the leader
 * role, a leaders document and an active pickup point at the applied location,
 * all or nothing. Ids derive from the openid, so nothing can be created twice.
 */
export async function reviewApplication(
  input: { applicationId: string; approve: boolean; reason?: string },
  adminOpenid: string,
  at: Date,
): Promise<ApplicationView> {
  if (!input.approve && !input.reason) throw fail.invalid('reason: 拒绝时必须填写原因');
  const reviewed = await inTransaction(async (tx) => {
    const app = await applicationIn(tx, input.applicationId);
    if (!app) throw fail.notFound('申请');
    if (app.status !== 'pending') throw fail.state('该申请已审核');
    const base = { reviewedAt: at, reviewedBy: adminOpenid };
    if (!input.approve) {
      await updateApplicationIn(tx, app._id, { ...base, status: 'rejected', reason: input.reason });
      return { ...app, ...base, status: 'rejected' as const, reason: input.reason };
    }
    const user = await userIn(tx, app.openid);
    if (!user) throw fail.notFound('用户');
    const leaderId = leaderIdFor(app.openid);
    const pickupPointId = pointIdFor(app.openid);
    const leader: Leader & { applicationId: string } = {
      _id: leaderId,
      openid: app.openid,
      name: app.name,
      phone: app.phone,
      pickupPointId,
      status: 'active',
      createdAt: at,
      applicationId: app._id,
    };
    const point: PickupPoint = {
      _id: pickupPointId,
      name: app.pointName,
      address: app.address,
      location: { type: 'Point', coordinates: lngLat(app.location) },
      hours: app.hours,
      leaderId,
      active: true,
    };
    await putLeaderIn(tx, leader);
    await putPointIn(tx, point);
    const roles = user.roles.includes('leader') ? user.roles : [...user.roles, 'leader' as const];
    await setRolesIn(tx, app.openid, roles, at);
    await updateApplicationIn(tx, app._id, { ...base, status: 'approved', leaderId, pickupPointId });
    return { ...app, ...base, status: 'approved' as const, leaderId, pickupPointId };
  });
  return applicationView(reviewed, true);
}
