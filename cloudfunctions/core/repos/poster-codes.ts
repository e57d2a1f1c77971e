import { collection } from './db';

/** collection `posterCodes`, _id the scene: an item poster's stored 小程序码 and what its scene stands for. */
export interface PosterCodeDoc {
  _id: string;
  leaderId: string;
  batchItemId: string;
  fileID: string;
  createdAt: Date;
}

const codes = () => collection('posterCodes');

export const posterCodeOf = (scene: string) => codes().orNothing(() => codes().byId(scene), undefined);

/** False when the scene's code was stored already (two posters at once: the first one stays). */
export const insertPosterCodeOnce = (doc: PosterCodeDoc) => codes().creating(() => codes().insertOnce(doc));
