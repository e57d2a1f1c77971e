import type { TrainingDoc } from '../../../typings/leader';
import { collection } from './db';

/** 团长培训资料 (collection trainings). */
const trainings = () => collection('trainings');

export async function insertTraining(doc: TrainingDoc): Promise<void> {
  await trainings().insert(doc);
}

export const trainingsNewestFirst = (skip: number, limit: number) =>
  trainings().find({}, { orderBy: [['publishedAt', 'desc']], skip, limit });
