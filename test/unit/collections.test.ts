import registry from '../../database/collections.json';
import { COLLECTION_NAMES } from '../../cloudfunctions/core/repos/registry';

describe('collection registry', () => {
  it('the typed registry names exactly the collections database/collections.json deploys', () => {
    expect(Object.keys(COLLECTION_NAMES).sort()).toEqual([...registry.collections].sort());
  });
});
