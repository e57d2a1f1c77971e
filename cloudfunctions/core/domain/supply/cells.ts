/**
 * Quantities per (pickup point, column) for the cut-off kernel.
 *
 * Dense while points × columns fits a budget: a row per point (stride = column
 * capacity), a single indexed add per line. Cells start as 16-bit (a 5,000 × 500
 * matrix is 5 MB, which keeps the random adds of a cut-off in cache and TLB) and
 * the matrix widens to 32-bit the first time a cell passes 65,535. Past the budget
 * (a huge catalog in many points) it moves to an open-addressing hash of the
 * non-zero cells, whose memory follows the cells actually ordered.
 */

const INT32_MAX = 0x7fffffff;
/** 8M cells (16 MB at 16 bits): 5,000 points × 1,024 columns stay dense. */
export const DENSE_MAX_CELLS = 8 * 1024 * 1024;
/** Packs (position, qty) into one float so a Float64Array sort orders by position: pos·2^31 + qty < 2^53. */
const PACK = 0x80000000;
export const MAX_COLUMNS = 2 ** 21;

/** Compressed rows: the cells of point p are start[p] … start[p+1]-1, in the order asked for. */
export interface CellRows {
  start: Int32Array;
  column: Int32Array;
  qty: Int32Array;
}

function cellHash(p: number, c: number): number {
  let h = Math.imul(p ^ Math.imul(c, 0x27d4eb2d), 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

function nextPow2(n: number): number {
  let p = 1024;
  while (p < n) p *= 2;
  return p;
}

export class CellStore {
  private dense: Uint16Array | Int32Array | null;
  /** Largest value a dense cell holds before the matrix must widen. */
  private denseLimit = 0xffff;
  private stride: number;
  private rowCapacity: number;

  /** Sparse mode: slotPoint holds point + 1 (0 = empty). */
  private slotPoint = new Int32Array(0);
  private slotColumn = new Int32Array(0);
  private slotQty = new Int32Array(0);
  private mask = 0;
  private used = 0;
  private denseNonZero = 0;
  private readonly denseMaxCells: number;

  constructor(points: number, columns: number, denseMaxCells = DENSE_MAX_CELLS) {
    this.denseMaxCells = denseMaxCells;
    this.rowCapacity = Math.max(16, points);
    this.stride = Math.max(16, columns);
    if (this.rowCapacity * this.stride <= denseMaxCells) {
      this.dense = new Uint16Array(this.rowCapacity * this.stride);
    } else {
      this.dense = null;
      this.initSparse(1 << 16);
    }
  }

  get isDense(): boolean {
    return this.dense !== null;
  }

  /** Makes room for point index p and column index c. */
  reserve(p: number, c: number): void {
    if (c >= MAX_COLUMNS) throw new RangeError(`too many items for one cut-off: ${c + 1}`);
    const dense = this.dense;
    if (dense === null || (p < this.rowCapacity && c < this.stride)) return;
    let rows = this.rowCapacity;
    let stride = this.stride;
    while (rows <= p) rows *= 2;
    while (stride <= c) stride *= 2;
    if (rows * stride > this.denseMaxCells) {
      this.toSparse();
      return;
    }
    const next = dense instanceof Uint16Array ? new Uint16Array(rows * stride) : new Int32Array(rows * stride);
    if (stride === this.stride) next.set(dense);
    else
      for (let r = 0; r < this.rowCapacity; r++)
        next.set(dense.subarray(r * this.stride, (r + 1) * this.stride), r * stride);
    this.dense = next;
    this.rowCapacity = rows;
    this.stride = stride;
  }

  /** Adds qty > 0 to a reserved cell. */
  add(p: number, c: number, qty: number): void {
    const dense = this.dense;
    if (dense !== null) {
      const i = p * this.stride + c;
      const old = dense[i];
      const v = old + qty;
      if (v > this.denseLimit) {
        this.addWide(i, v);
        return;
      }
      if (old === 0) this.denseNonZero += 1;
      dense[i] = v;
      return;
    }
    const { slotPoint, slotColumn, slotQty, mask } = this;
    const key = p + 1;
    let s = cellHash(p, c) & mask;
    for (;;) {
      const sp = slotPoint[s];
      if (sp === 0) {
        slotPoint[s] = key;
        slotColumn[s] = c;
        slotQty[s] = qty;
        this.used += 1;
        if (this.used * 2 > slotPoint.length) this.rehash(slotPoint.length * 2);
        return;
      }
      if (sp === key && slotColumn[s] === c) {
        const v = slotQty[s] + qty;
        if (v > INT32_MAX) throw new RangeError('quantity overflow in one cell');
        slotQty[s] = v;
        return;
      }
      s = (s + 1) & mask;
    }
  }

  /**
   * The non-zero cells of points 0 … pointCount-1, each point's cells in the order
   * of orderedColumns (a permutation of 0 … columnCount-1).
   */
  rows(pointCount: number, orderedColumns: Int32Array): CellRows {
    const start = new Int32Array(pointCount + 1);
    const dense = this.dense;
    if (dense !== null) {
      const stride = this.stride;
      const columnCount = orderedColumns.length;
      const column = new Int32Array(this.denseNonZero);
      const qty = new Int32Array(this.denseNonZero);
      let k = 0;
      for (let p = 0; p < pointCount; p++) {
        const base = p * stride;
        for (let j = 0; j < columnCount; j++) {
          const c = orderedColumns[j];
          const q = dense[base + c];
          if (q !== 0) {
            column[k] = c;
            qty[k++] = q;
          }
        }
        start[p + 1] = k;
      }
      return { start, column, qty };
    }

    const position = new Int32Array(orderedColumns.length);
    for (let j = 0; j < orderedColumns.length; j++) position[orderedColumns[j]] = j;
    const { slotPoint, slotColumn, slotQty } = this;
    for (let s = 0; s < slotPoint.length; s++) if (slotPoint[s] !== 0) start[slotPoint[s]] += 1;
    for (let p = 0; p < pointCount; p++) start[p + 1] += start[p];
    const fill = start.slice(0, pointCount);
    const packed = new Float64Array(this.used);
    for (let s = 0; s < slotPoint.length; s++) {
      const p1 = slotPoint[s];
      if (p1 !== 0) packed[fill[p1 - 1]++] = position[slotColumn[s]] * PACK + slotQty[s];
    }
    const column = new Int32Array(packed.length);
    const qty = new Int32Array(packed.length);
    for (let p = 0; p < pointCount; p++) {
      const cells = packed.subarray(start[p], start[p + 1]);
      cells.sort();
      for (let k = 0, at = start[p]; k < cells.length; k++, at++) {
        const pos = Math.floor(cells[k] / PACK);
        column[at] = orderedColumns[pos];
        qty[at] = cells[k] - pos * PACK;
      }
    }
    return { start, column, qty };
  }

  private addWide(i: number, v: number): void {
    if (v > INT32_MAX) throw new RangeError('quantity overflow in one cell');
    let dense = this.dense as Uint16Array | Int32Array;
    if (dense instanceof Uint16Array) {
      const wide = new Int32Array(dense.length);
      wide.set(dense);
      this.dense = dense = wide;
      this.denseLimit = INT32_MAX;
    }
    if (dense[i] === 0) this.denseNonZero += 1;
    dense[i] = v;
  }

  private initSparse(cells: number): void {
    const slots = nextPow2(2 * cells);
    this.slotPoint = new Int32Array(slots);
    this.slotColumn = new Int32Array(slots);
    this.slotQty = new Int32Array(slots);
    this.mask = slots - 1;
    this.used = 0;
  }

  private toSparse(): void {
    const dense = this.dense as Uint16Array | Int32Array;
    let nonZero = 0;
    for (let i = 0; i < dense.length; i++) if (dense[i] !== 0) nonZero++;
    this.initSparse(Math.max(1 << 16, nonZero));
    this.dense = null;
    const stride = this.stride;
    for (let i = 0; i < dense.length; i++) {
      if (dense[i] !== 0) this.add(Math.floor(i / stride), i % stride, dense[i]);
    }
  }

  private rehash(slots: number): void {
    const oldPoint = this.slotPoint;
    const oldColumn = this.slotColumn;
    const oldQty = this.slotQty;
    const slotPoint = new Int32Array(slots);
    const slotColumn = new Int32Array(slots);
    const slotQty = new Int32Array(slots);
    const mask = slots - 1;
    for (let o = 0; o < oldPoint.length; o++) {
      const key = oldPoint[o];
      if (key === 0) continue;
      let s = cellHash(key - 1, oldColumn[o]) & mask;
      while (slotPoint[s] !== 0) s = (s + 1) & mask;
      slotPoint[s] = key;
      slotColumn[s] = oldColumn[o];
      slotQty[s] = oldQty[o];
    }
    this.slotPoint = slotPoint;
    this.slotColumn = slotColumn;
    this.slotQty = slotQty;
    this.mask = mask;
  }
}
