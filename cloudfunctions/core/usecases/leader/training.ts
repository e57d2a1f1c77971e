import { randomBytes } from 'node:crypto';
import type { NoShowAction, NoShowSettings, TrainingDoc, TrainingView } from '../../../../typings/leader';
import { now } from '../../infra/clock';
import { noShowSettings, saveNoShowSettings } from '../../repos/settings';
import { insertTraining, trainingsNewestFirst } from '../../repos/trainings';

const view = (t: TrainingDoc): TrainingView => ({
  _id: t._id,
  title: t.title,
  body: t.body,
  ...(t.url ? { url: t.url } : {}),
  publishedAt: new Date(t.publishedAt).toISOString(),
});

/** 团长培训资料: published by admins, read by leaders (newest first). */
export async function publishTraining(
  input: { title: string; body: string; url?: string },
  adminOpenid: string,
): Promise<TrainingView> {
  const doc: TrainingDoc = {
    _id: `tr-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`,
    ...input,
    publishedAt: now(),
    publishedBy: adminOpenid,
  };
  await insertTraining(doc);
  return view(doc);
}

export async function listTraining(q: {
  page: number;
  pageSize: number;
}): Promise<{ items: TrainingView[]; page: number; pageSize: number; hasMore: boolean }> {
  const docs = await trainingsNewestFirst((q.page - 1) * q.pageSize, q.pageSize + 1);
  return {
    items: docs.slice(0, q.pageSize).map(view),
    page: q.page,
    pageSize: q.pageSize,
    hasMore: docs.length > q.pageSize,
  };
}

/** The no-show rule (typings/leader.ts NoShowSettings), set by an admin. */
export async function setNoShowSettings(
  input: { action: NoShowAction; graceHours: number; remindHoursBefore?: number },
  adminOpenid: string,
): Promise<NoShowSettings> {
  const current = await noShowSettings();
  const next: NoShowSettings = {
    _id: 'noShow',
    action: input.action,
    graceHours: input.graceHours,
    remindHoursBefore: input.remindHoursBefore ?? current.remindHoursBefore,
    updatedAt: now(),
    updatedBy: adminOpenid,
  };
  await saveNoShowSettings(next);
  return next;
}
