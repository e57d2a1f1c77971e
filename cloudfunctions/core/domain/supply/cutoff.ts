import { CellStore } from './cells';

/**
 * Cut-off aggregation (以销定采): turns the paid order lines of a batch into
 * purchase orders per supplier, packing (sorting) lists per pickup point and
 * per-item totals.
 *
 * The cut-off function reads orders in 1000-row pages and may time out, so the
 * kernel is built for a million lines in little memory:
 * - every string id is interned once into a dense integer index;
 * - money and line counts live in typed arrays per point and per column, the
 *   point × item quantities in a CellStore (a 16-bit matrix, or a hash of the
 *   non-zero cells when the matrix would be too big); totals of quantities are
 *   derived from the cells at the end instead of being summed per line;
 * - result objects are built only in finish(), sorted by id so a rerun writes
 *   byte-identical documents. Packing lists are columnar (ids + quantities): a
 *   cut-off has ~one line per (point, item) - 800k here - and the writer has to
 *   build its own document lines anyway (titles, units), so the kernel does not
 *   allocate an object per line; packingListLines() gives objects for one list;
 * - snapshot()/restore() give a plain JSON checkpoint to resume after a timeout.
 *
 * A "column" is one (batchItemId, supplierId) pair. Normally an item has one
 * supplier, but order lines snapshot the supplier at purchase time, so an item
 * whose supplier was changed mid-batch yields one purchase-order line per
 * supplier while its packing and totals stay one per item.
 */

/** One order line as the cut-off needs it. Callers pass net quantities (qty − refundedQty, amountFen − refundedFen). */
export interface CutoffLine {
  readonly pickupPointId: string;
  readonly batchItemId: string;
  readonly supplierId: string;
  readonly qty: number;
  readonly amountFen: number;
}

export interface CutoffAggregatorOptions {
  /** Capacity hints; the kernel grows past them, they only avoid early regrowth. */
  readonly expectedPoints?: number;
  readonly expectedItems?: number;
  /** Largest points × columns kept as a dense matrix before switching to a sparse hash (tests lower it). */
  readonly denseMaxCells?: number;
}

export interface PurchaseOrderLine {
  batchItemId: string;
  qty: number;
  amountFen: number;
  lineCount: number;
}

export interface PurchaseOrderDraft {
  supplierId: string;
  /** Sorted by batchItemId. */
  lines: PurchaseOrderLine[];
  totalQty: number;
  totalAmountFen: number;
}

export interface PackingListLine {
  batchItemId: string;
  qty: number;
}

export interface PackingListDraft {
  pickupPointId: string;
  /** Items with qty > 0, sorted; quantities[k] is the quantity of batchItemIds[k]. */
  batchItemIds: string[];
  quantities: number[];
  totalQty: number;
  amountFen: number;
  lineCount: number;
}

export interface ItemTotal {
  batchItemId: string;
  qty: number;
  amountFen: number;
  lineCount: number;
  /** Pickup points that receive at least one unit. */
  pointCount: number;
  /** Sorted; more than one only when the item's supplier changed mid-batch. */
  supplierIds: string[];
}

export interface CutoffResult {
  lineCount: number;
  totalQty: number;
  totalAmountFen: number;
  /** Sorted by supplierId. Suppliers with nothing to buy are left out. */
  purchaseOrders: PurchaseOrderDraft[];
  /** Sorted by pickupPointId. Points with nothing to deliver are left out. */
  packingLists: PackingListDraft[];
  /** Sorted by batchItemId. */
  itemTotals: ItemTotal[];
}

/** A JSON-serializable checkpoint of a CutoffAggregator. */
export interface CutoffSnapshot {
  version: 1;
  pagesAdded: number;
  linesAdded: number;
  pointIds: string[];
  pointAmountFen: number[];
  pointLines: number[];
  columnBatchItemIds: string[];
  columnSupplierIds: string[];
  columnAmountFen: number[];
  columnLines: number[];
  /** Non-zero cells grouped by point index: cellCounts[p] entries of cellColumns/cellQty belong to point p. */
  cellCounts: number[];
  cellColumns: number[];
  cellQty: number[];
}

export class CutoffInputError extends RangeError {
  constructor(
    message: string,
    readonly lineIndex: number,
  ) {
    super(message);
    this.name = 'CutoffInputError';
  }
}

/** The lines of one packing list as objects, for a caller that wants them. */
export function packingListLines(list: PackingListDraft): PackingListLine[] {
  return list.batchItemIds.map((batchItemId, k) => ({ batchItemId, qty: list.quantities[k] }));
}

const INT32_MAX = 0x7fffffff;
const COLUMN_KEY_SEPARATOR = '\u0000';

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function growF64(a: Float64Array, min: number): Float64Array {
  if (a.length >= min) return a;
  const b = new Float64Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}

function isNonNegativeInteger(x: unknown): x is number {
  return typeof x === 'number' && x >= 0 && Math.floor(x) === x && x <= Number.MAX_SAFE_INTEGER;
}

export class CutoffAggregator {
  private pages = 0;
  private lines = 0;

  private readonly pointIndex = new Map<string, number>();
  private readonly pointIds: string[] = [];
  private pointAmount: Float64Array;
  private pointLines: Float64Array;

  /** batchItemId → its first column; other suppliers of the same item go through columnBySupplier. */
  private readonly columnIndex = new Map<string, number>();
  private readonly columnBySupplier = new Map<string, number>();
  private readonly columnItemIds: string[] = [];
  private readonly columnSupplierIds: string[] = [];
  private columnAmount: Float64Array;
  private columnLines: Float64Array;

  private readonly cells: CellStore;
  /** Per-page scratch: resolved point and column of each line. */
  private scratchPoint = new Int32Array(0);
  private scratchColumn = new Int32Array(0);

  constructor(options: CutoffAggregatorOptions = {}) {
    const points = Math.max(16, options.expectedPoints ?? 1024);
    const items = Math.max(16, options.expectedItems ?? 256);
    this.pointAmount = new Float64Array(points);
    this.pointLines = new Float64Array(points);
    this.columnAmount = new Float64Array(items);
    this.columnLines = new Float64Array(items);
    this.cells = new CellStore(points, items, options.denseMaxCells);
  }

  get pagesAdded(): number {
    return this.pages;
  }

  get linesAdded(): number {
    return this.lines;
  }

  /**
   * Adds one page of lines. The page is validated first and applied only if every
   * line is valid, so a rejected page leaves the aggregate (and its checkpoint) as it was.
   */
  addPage(lines: readonly CutoffLine[]): void {
    const n = lines.length;
    if (this.scratchPoint.length < n) {
      this.scratchPoint = new Int32Array(n);
      this.scratchColumn = new Int32Array(n);
    }
    const scratchPoint = this.scratchPoint;
    const scratchColumn = this.scratchColumn;
    const { pointIndex, columnIndex, columnSupplierIds } = this;

    // Pass 1: validate and resolve known ids (-1 = first sighting), changing nothing.
    let lastPointId = '';
    let lastPoint = -1;
    for (let i = 0; i < n; i++) {
      const line = lines[i];
      const pointId = line.pickupPointId;
      const itemId = line.batchItemId;
      const supplierId = line.supplierId;
      if (
        typeof pointId !== 'string' ||
        pointId === '' ||
        typeof itemId !== 'string' ||
        itemId === '' ||
        typeof supplierId !== 'string' ||
        supplierId === ''
      ) {
        throw new CutoffInputError(`line ${i}: pickupPointId, batchItemId and supplierId must be non-empty strings`, i);
      }
      if (!isNonNegativeInteger(line.qty) || line.qty > INT32_MAX) {
        throw new CutoffInputError(`line ${i}: qty must be a non-negative integer, got ${line.qty}`, i);
      }
      if (!isNonNegativeInteger(line.amountFen)) {
        throw new CutoffInputError(`line ${i}: amountFen must be a non-negative integer fen, got ${line.amountFen}`, i);
      }
      // Lines of one order share a pickup point, so the last one is usually right.
      if (pointId !== lastPointId) {
        lastPointId = pointId;
        lastPoint = pointIndex.get(pointId) ?? -1;
      }
      scratchPoint[i] = lastPoint;
      let c = columnIndex.get(itemId) ?? -1;
      if (c >= 0 && columnSupplierIds[c] !== supplierId) {
        c = this.columnBySupplier.get(itemId + COLUMN_KEY_SEPARATOR + supplierId) ?? -1;
      }
      scratchColumn[i] = c;
    }

    // Pass 2: accumulate. Arrays are held in locals and re-read only after an id is interned (they may grow).
    let { pointAmount, pointLines, columnAmount, columnLines } = this;
    const cells = this.cells;
    for (let i = 0; i < n; i++) {
      const line = lines[i];
      let p = scratchPoint[i];
      let c = scratchColumn[i];
      if (p < 0 || c < 0) {
        if (p < 0) p = this.pointIndex.get(line.pickupPointId) ?? this.addPoint(line.pickupPointId);
        if (c < 0) c = this.columnFor(line.batchItemId, line.supplierId);
        ({ pointAmount, pointLines, columnAmount, columnLines } = this);
      }
      const amount = line.amountFen;
      pointAmount[p] += amount;
      pointLines[p] += 1;
      columnAmount[c] += amount;
      columnLines[c] += 1;
      if (line.qty > 0) cells.add(p, c, line.qty);
    }
    this.lines += n;
    this.pages += 1;
  }

  /** Materializes the documents. Does not change the aggregate: more pages may follow. */
  finish(): CutoffResult {
    const pointCount = this.pointIds.length;
    const columnCount = this.columnItemIds.length;

    // Distinct items in id order; each column maps to its item's rank.
    const itemIds = Array.from(this.columnIndex.keys()).sort(byCodeUnit);
    const itemRankById = new Map<string, number>();
    for (let r = 0; r < itemIds.length; r++) itemRankById.set(itemIds[r], r);
    const columnItemRank = new Int32Array(columnCount);
    for (let c = 0; c < columnCount; c++) columnItemRank[c] = itemRankById.get(this.columnItemIds[c]) as number;
    // Columns in item order, so each point's cells come out sorted by batchItemId.
    const byItem = Int32Array.from({ length: columnCount }, (_, c) => c).sort(
      (a, b) => columnItemRank[a] - columnItemRank[b] || a - b,
    );
    const rows = this.cells.rows(pointCount, byItem);
    const columnQty = new Float64Array(columnCount);
    for (let k = 0; k < rows.column.length; k++) columnQty[rows.column[k]] += rows.qty[k];

    const itemPointCount = new Int32Array(itemIds.length);
    const packingLists: PackingListDraft[] = [];
    for (const p of this.sortedIndexes(this.pointIds)) {
      const end = rows.start[p + 1];
      let k = rows.start[p];
      if (k === end) continue;
      const batchItemIds = new Array<string>(end - k);
      const quantities = new Array<number>(end - k);
      let count = 0;
      let totalQty = 0;
      while (k < end) {
        const rank = columnItemRank[rows.column[k]];
        let qty = rows.qty[k++];
        // Adjacent cells of one item come from an item bought from two suppliers.
        while (k < end && columnItemRank[rows.column[k]] === rank) qty += rows.qty[k++];
        batchItemIds[count] = itemIds[rank];
        quantities[count++] = qty;
        totalQty += qty;
        itemPointCount[rank] += 1;
      }
      batchItemIds.length = count;
      quantities.length = count;
      packingLists.push({
        pickupPointId: this.pointIds[p],
        batchItemIds,
        quantities,
        totalQty,
        amountFen: this.pointAmount[p],
        lineCount: this.pointLines[p],
      });
    }

    // Purchase orders: columns grouped by supplier, lines by item.
    const columnsBySupplier = new Map<string, number[]>();
    for (let c = 0; c < columnCount; c++) {
      if (columnQty[c] === 0 && this.columnAmount[c] === 0) continue;
      const supplierId = this.columnSupplierIds[c];
      const list = columnsBySupplier.get(supplierId);
      if (list) list.push(c);
      else columnsBySupplier.set(supplierId, [c]);
    }
    const purchaseOrders: PurchaseOrderDraft[] = [];
    for (const supplierId of Array.from(columnsBySupplier.keys()).sort(byCodeUnit)) {
      const columns = (columnsBySupplier.get(supplierId) as number[]).sort(
        (a, b) => columnItemRank[a] - columnItemRank[b],
      );
      let totalQty = 0;
      let totalAmountFen = 0;
      const lines = columns.map((c) => {
        totalQty += columnQty[c];
        totalAmountFen += this.columnAmount[c];
        return {
          batchItemId: this.columnItemIds[c],
          qty: columnQty[c],
          amountFen: this.columnAmount[c],
          lineCount: this.columnLines[c],
        };
      });
      purchaseOrders.push({ supplierId, lines, totalQty, totalAmountFen });
    }

    // Item totals: columns merged per item.
    const itemTotals: ItemTotal[] = itemIds.map((batchItemId, rank) => ({
      batchItemId,
      qty: 0,
      amountFen: 0,
      lineCount: 0,
      pointCount: itemPointCount[rank],
      supplierIds: [],
    }));
    let totalQty = 0;
    let totalAmountFen = 0;
    for (let c = 0; c < columnCount; c++) {
      const total = itemTotals[columnItemRank[c]];
      total.qty += columnQty[c];
      total.amountFen += this.columnAmount[c];
      total.lineCount += this.columnLines[c];
      total.supplierIds.push(this.columnSupplierIds[c]);
      totalQty += columnQty[c];
      totalAmountFen += this.columnAmount[c];
    }
    for (const total of itemTotals) if (total.supplierIds.length > 1) total.supplierIds.sort(byCodeUnit);

    return { lineCount: this.lines, totalQty, totalAmountFen, purchaseOrders, packingLists, itemTotals };
  }

  /** A plain-JSON checkpoint; cells are listed per point in column order, so equal aggregates give equal snapshots. */
  snapshot(): CutoffSnapshot {
    const pointCount = this.pointIds.length;
    const columnCount = this.columnItemIds.length;
    const rows = this.cells.rows(
      pointCount,
      Int32Array.from({ length: columnCount }, (_, c) => c),
    );
    const cellCounts = new Array<number>(pointCount);
    for (let p = 0; p < pointCount; p++) cellCounts[p] = rows.start[p + 1] - rows.start[p];
    return {
      version: 1,
      pagesAdded: this.pages,
      linesAdded: this.lines,
      pointIds: this.pointIds.slice(),
      pointAmountFen: Array.from(this.pointAmount.subarray(0, pointCount)),
      pointLines: Array.from(this.pointLines.subarray(0, pointCount)),
      columnBatchItemIds: this.columnItemIds.slice(),
      columnSupplierIds: this.columnSupplierIds.slice(),
      columnAmountFen: Array.from(this.columnAmount.subarray(0, columnCount)),
      columnLines: Array.from(this.columnLines.subarray(0, columnCount)),
      cellCounts,
      cellColumns: Array.from(rows.column),
      cellQty: Array.from(rows.qty),
    };
  }

  static restore(snapshot: CutoffSnapshot): CutoffAggregator {
    const s = snapshot;
    const points = s.pointIds.length;
    const columns = s.columnBatchItemIds.length;
    const cells = s.cellColumns.length;
    const counts = [s.pagesAdded, s.linesAdded, ...s.pointAmountFen, ...s.pointLines, ...s.cellCounts];
    const consistent =
      s.version === 1 &&
      [s.pointAmountFen, s.pointLines, s.cellCounts].every((a) => a.length === points) &&
      [s.columnSupplierIds, s.columnAmountFen, s.columnLines].every((a) => a.length === columns) &&
      s.cellQty.length === cells &&
      s.cellCounts.reduce((a, b) => a + b, 0) === cells &&
      counts.every(isNonNegativeInteger) &&
      s.columnAmountFen.every(isNonNegativeInteger) &&
      s.columnLines.every(isNonNegativeInteger);
    if (!consistent) throw new RangeError('cut-off snapshot is malformed');

    const agg = new CutoffAggregator({ expectedPoints: points, expectedItems: columns });
    agg.pages = s.pagesAdded;
    agg.lines = s.linesAdded;
    for (let p = 0; p < points; p++) {
      if (agg.addPoint(s.pointIds[p]) !== p) throw new RangeError('cut-off snapshot repeats a pickup point');
      agg.pointAmount[p] = s.pointAmountFen[p];
      agg.pointLines[p] = s.pointLines[p];
    }
    for (let c = 0; c < columns; c++) {
      const itemId = s.columnBatchItemIds[c];
      const primary = !agg.columnIndex.has(itemId);
      if (agg.addColumn(itemId, s.columnSupplierIds[c], primary) !== c) {
        throw new RangeError('cut-off snapshot repeats a column');
      }
      agg.columnAmount[c] = s.columnAmountFen[c];
      agg.columnLines[c] = s.columnLines[c];
    }
    let k = 0;
    for (let p = 0; p < points; p++) {
      for (let end = k + s.cellCounts[p]; k < end; k++) {
        const c = s.cellColumns[k];
        const qty = s.cellQty[k];
        if (!(Number.isInteger(c) && c >= 0 && c < columns) || !isNonNegativeInteger(qty) || qty > INT32_MAX) {
          throw new RangeError('cut-off snapshot has a bad cell');
        }
        if (qty > 0) agg.cells.add(p, c, qty);
      }
    }
    return agg;
  }

  private sortedIndexes(ids: readonly string[]): number[] {
    const order = ids.map((_, i) => i);
    return order.sort((a, b) => byCodeUnit(ids[a], ids[b]));
  }

  private addPoint(pointId: string): number {
    const p = this.pointIds.length;
    this.cells.reserve(p, 0);
    this.pointIndex.set(pointId, p);
    this.pointIds.push(pointId);
    if (p >= this.pointAmount.length) {
      this.pointAmount = growF64(this.pointAmount, p + 1);
      this.pointLines = growF64(this.pointLines, p + 1);
    }
    return p;
  }

  private addColumn(itemId: string, supplierId: string, primary: boolean): number {
    const c = this.columnItemIds.length;
    this.cells.reserve(0, c);
    if (primary) this.columnIndex.set(itemId, c);
    else this.columnBySupplier.set(itemId + COLUMN_KEY_SEPARATOR + supplierId, c);
    this.columnItemIds.push(itemId);
    this.columnSupplierIds.push(supplierId);
    if (c >= this.columnAmount.length) {
      this.columnAmount = growF64(this.columnAmount, c + 1);
      this.columnLines = growF64(this.columnLines, c + 1);
    }
    return c;
  }

  private columnFor(itemId: string, supplierId: string): number {
    const c = this.columnIndex.get(itemId);
    if (c === undefined) return this.addColumn(itemId, supplierId, true);
    if (this.columnSupplierIds[c] === supplierId) return c;
    const other = this.columnBySupplier.get(itemId + COLUMN_KEY_SEPARATOR + supplierId);
    return other === undefined ? this.addColumn(itemId, supplierId, false) : other;
  }
}
