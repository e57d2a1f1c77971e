/** Units at or under which an item of an open batch is running low (the dashboard's default and the alerts'). */
export const LOW_STOCK_UNITS = 5;

/** Low: stock ≤ `units`, or ≤ 10% of what the item started with (stock + sold). */
export const isLowStock = (item: { stock: number; sold: number }, units = LOW_STOCK_UNITS): boolean =>
  item.stock <= units || item.stock * 10 <= item.stock + item.sold;
