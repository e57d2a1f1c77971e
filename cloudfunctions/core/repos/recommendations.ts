import type { ShopModel } from '../domain/recommend';
import { collection } from './db';

/**
 * The recommendation model (collection `recommendations`, one document `model`),
 * rebuilt by the scheduler once a day. Neighbour lists are stored as one string
 * per product ("id:similarity,…"): tens of thousands of floats as JSON numbers
 * would cross the wire as canonical EJSON objects.
 */
export interface RecommendationModelDoc {
  _id: 'model';
  similar: Record<string, string>;
  popularAt: Record<string, string[]>;
  popular: string[];
  /** Paid orders the model was built from, and since when. */
  orders: number;
  from: Date;
  builtAt: Date;
}

const recommendations = () => collection('recommendations');

export async function modelDoc(): Promise<RecommendationModelDoc | undefined> {
  return recommendations().orNothing(() => recommendations().byId('model'), undefined);
}

/** When the model was last built, without reading the model itself (the scheduler asks every minute). */
export async function modelBuiltAt(): Promise<Date | undefined> {
  const doc = await recommendations().orNothing(() => recommendations().byId('model', { builtAt: true }), undefined);
  return doc?.builtAt;
}

export function saveModel(model: ShopModel, meta: { orders: number; from: Date; builtAt: Date }): Promise<void> {
  const similar: Record<string, string> = {};
  for (const [id, list] of Object.entries(model.similar))
    similar[id] = list.map(([j, s]) => `${j}:${Math.round(s * 1e4) / 1e4}`).join(',');
  const doc: RecommendationModelDoc = {
    _id: 'model',
    similar,
    popularAt: model.popularAt,
    popular: model.popular,
    ...meta,
  };
  return recommendations().creating(() => recommendations().set(doc));
}

/** The stored document as the domain's model. */
export function toModel(doc: RecommendationModelDoc): ShopModel {
  const similar: ShopModel['similar'] = {};
  for (const [id, packed] of Object.entries(doc.similar))
    similar[id] = packed
      ? packed.split(',').map((pair): [string, number] => {
          const at = pair.lastIndexOf(':');
          return [pair.slice(0, at), Number(pair.slice(at + 1))];
        })
      : [];
  return { similar, popularAt: doc.popularAt, popular: doc.popular };
}
