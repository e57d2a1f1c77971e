import type { Category } from '../../../typings/models';
import { collection } from './db';

const categories = () => collection('categories');

export const categoryById = (id: string) => categories().byId(id);

/** Every category in the console's order (a shop has a handful). */
export const allCategories = () =>
  categories().find(
    {},
    {
      orderBy: [
        ['sort', 'asc'],
        ['_id', 'asc'],
      ],
    },
  );

export const saveCategoryDoc = (doc: Category) => categories().set(doc);
export const removeCategoryDoc = async (id: string) => (await categories().remove({ _id: id })) === 1;

/** Creates a document under a requestId's _id; false when a retried or doubled create made it already. */
export const insertCategoryOnce = (doc: Category) => categories().insertOnce(doc);
