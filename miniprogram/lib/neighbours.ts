/** Social proof on an item (catalog's `neighbours`): said only once somebody has bought it. */
export const neighboursText = (neighbours: number): string => (neighbours > 0 ? `${neighbours} 位邻居已买` : '');
