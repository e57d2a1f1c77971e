import type { ApplicationStatus, LeaderApplication } from '../../../typings/leader';
import { collection, txGet, txUpdate, type Tx } from './db';

/** Applications to become a leader (collection leaderApplications, _id `<openid>#<n>`). */
const applications = () => collection('leaderApplications');

/** The user's applications, only their status. */
export const applicationsOf = (openid: string): Promise<Array<Pick<LeaderApplication, '_id' | 'status'>>> =>
  applications().find({ openid }, { limit: 1000, fields: { _id: true, status: true } });

export async function latestApplicationOf(openid: string): Promise<LeaderApplication | undefined> {
  return (await applications().find({ openid }, { orderBy: [['createdAt', 'desc']], limit: 1 }))[0];
}

export const applicationsNewestFirst = (status: ApplicationStatus | undefined, skip: number, limit: number) =>
  applications().find(status ? { status } : {}, { orderBy: [['createdAt', 'desc']], skip, limit });

/** Stores a new application; false when one with its _id exists (a parallel apply). */
export const insertApplication = (a: LeaderApplication) => applications().insertOnce(a);

export const applicationIn = (tx: Tx, id: string) => txGet<LeaderApplication>(tx, 'leaderApplications', id);

export const updateApplicationIn = (tx: Tx, id: string, fields: Partial<LeaderApplication>) =>
  txUpdate(tx, 'leaderApplications', id, fields);
