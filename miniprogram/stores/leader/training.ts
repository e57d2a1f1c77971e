import { makeAutoObservable } from 'mobx-miniprogram';
import { leaderService } from '../../services/leader';
import { PagedLoad } from '../load-state';
import type { TrainingView } from '../../../typings/leader';

export const TRAINING_PAGE_SIZE = 20;

/** 团长学堂: the training materials the platform published, page by page (the page keeps the rows). */
export class TrainingStore {
  readonly pages = new PagedLoad<TrainingView>((page) => leaderService.training(page, TRAINING_PAGE_SIZE));

  constructor() {
    makeAutoObservable(this, { pages: false });
  }
}

export const trainingStore = new TrainingStore();
