import fc from 'fast-check';
import {
  CutoffAggregator,
  CutoffInputError,
  packingListLines,
  type CutoffLine,
  type CutoffResult,
} from '../../../cloudfunctions/core/domain/supply/cutoff';

/** The obvious Map-of-objects computation the kernel must agree with. */
function naive(lines: readonly CutoffLine[]): CutoffResult {
  const sortIds = (ids: Iterable<string>) => Array.from(ids).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const po = new Map<string, Map<string, { qty: number; amountFen: number; lineCount: number }>>();
  const packing = new Map<
    string,
    { cells: Map<string, number>; totalQty: number; amountFen: number; lineCount: number }
  >();
  const items = new Map<
    string,
    { qty: number; amountFen: number; lineCount: number; points: Set<string>; suppliers: Set<string> }
  >();
  for (const l of lines) {
    const bySku = po.get(l.supplierId) ?? new Map();
    po.set(l.supplierId, bySku);
    const cell = bySku.get(l.batchItemId) ?? { qty: 0, amountFen: 0, lineCount: 0 };
    bySku.set(l.batchItemId, cell);
    cell.qty += l.qty;
    cell.amountFen += l.amountFen;
    cell.lineCount += 1;

    const point = packing.get(l.pickupPointId) ?? { cells: new Map(), totalQty: 0, amountFen: 0, lineCount: 0 };
    packing.set(l.pickupPointId, point);
    point.cells.set(l.batchItemId, (point.cells.get(l.batchItemId) ?? 0) + l.qty);
    point.totalQty += l.qty;
    point.amountFen += l.amountFen;
    point.lineCount += 1;

    const item = items.get(l.batchItemId) ?? {
      qty: 0,
      amountFen: 0,
      lineCount: 0,
      points: new Set(),
      suppliers: new Set(),
    };
    items.set(l.batchItemId, item);
    item.qty += l.qty;
    item.amountFen += l.amountFen;
    item.lineCount += 1;
    item.suppliers.add(l.supplierId);
    if (l.qty > 0) item.points.add(l.pickupPointId);
  }
  const purchaseOrders = sortIds(po.keys())
    .map((supplierId) => {
      const bySku = po.get(supplierId)!;
      const poLines = sortIds(bySku.keys())
        .map((batchItemId) => ({ batchItemId, ...bySku.get(batchItemId)! }))
        .filter((x) => x.qty !== 0 || x.amountFen !== 0);
      return {
        supplierId,
        lines: poLines,
        totalQty: poLines.reduce((s, x) => s + x.qty, 0),
        totalAmountFen: poLines.reduce((s, x) => s + x.amountFen, 0),
      };
    })
    .filter((x) => x.lines.length > 0);
  const packingLists = sortIds(packing.keys())
    .map((pickupPointId) => {
      const p = packing.get(pickupPointId)!;
      const batchItemIds = sortIds(p.cells.keys()).filter((id) => p.cells.get(id)! > 0);
      return {
        pickupPointId,
        batchItemIds,
        quantities: batchItemIds.map((id) => p.cells.get(id)!),
        totalQty: p.totalQty,
        amountFen: p.amountFen,
        lineCount: p.lineCount,
      };
    })
    .filter((x) => x.batchItemIds.length > 0);
  const itemTotals = sortIds(items.keys()).map((batchItemId) => {
    const it = items.get(batchItemId)!;
    return {
      batchItemId,
      qty: it.qty,
      amountFen: it.amountFen,
      lineCount: it.lineCount,
      pointCount: it.points.size,
      supplierIds: sortIds(it.suppliers),
    };
  });
  return {
    lineCount: lines.length,
    totalQty: lines.reduce((s, l) => s + l.qty, 0),
    totalAmountFen: lines.reduce((s, l) => s + l.amountFen, 0),
    purchaseOrders,
    packingLists,
    itemTotals,
  };
}

/** Small id alphabets so lines collide on points and items; items usually keep one supplier. */
const lineArb = fc
  .record({
    point: fc.integer({ min: 0, max: 6 }),
    item: fc.integer({ min: 0, max: 7 }),
    supplierSwitch: fc.integer({ min: 0, max: 9 }),
    qty: fc.integer({ min: 0, max: 20 }),
    priceFen: fc.integer({ min: 1, max: 99_999 }),
  })
  .map(({ point, item, supplierSwitch, qty, priceFen }): CutoffLine => ({
    pickupPointId: `pp-${point}`,
    batchItemId: `bi-${item}`,
    // Mostly the item's own supplier; sometimes another (supplier changed mid-batch).
    supplierId: supplierSwitch === 0 ? `sup-${(item + 1) % 3}` : `sup-${item % 3}`,
    qty,
    amountFen: qty * priceFen,
  }));

function aggregate(lines: readonly CutoffLine[], pageSize: number, options = {}): CutoffAggregator {
  const agg = new CutoffAggregator(options);
  for (let i = 0; i < lines.length; i += pageSize) agg.addPage(lines.slice(i, i + pageSize));
  return agg;
}

describe('CutoffAggregator', () => {
  it('agrees with a naive reference computation on random lines (dense and sparse storage)', () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { maxLength: 300, size: 'max' }),
        fc.integer({ min: 1, max: 50 }),
        (lines, pageSize) => {
          const expected = naive(lines);
          expect(aggregate(lines, pageSize).finish()).toEqual(expected);
          // A tiny dense budget forces the sparse hash, including growth past it mid-stream.
          expect(
            aggregate(lines, pageSize, { denseMaxCells: 20, expectedPoints: 1, expectedItems: 1 }).finish(),
          ).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('agrees with the reference while storage grows: matrix re-layout, then dense → sparse mid-stream', () => {
    const wide = fc.record({
      point: fc.integer({ min: 0, max: 60 }),
      item: fc.integer({ min: 0, max: 40 }),
      qty: fc.integer({ min: 0, max: 9 }),
    });
    fc.assert(
      fc.property(
        fc.array(wide, { minLength: 1, maxLength: 400, size: 'max' }),
        fc.integer({ min: 1, max: 64 }),
        (raw, pageSize) => {
          const lines = raw.map(({ point, item, qty }) => ({
            pickupPointId: `pp-${point}`,
            batchItemId: `bi-${item}`,
            supplierId: `sup-${item % 4}`,
            qty,
            amountFen: qty * 150,
          }));
          const expected = naive(lines);
          const tiny = { expectedPoints: 1, expectedItems: 1 };
          expect(aggregate(lines, pageSize, tiny).finish()).toEqual(expected);
          // 16×16 dense start; growing past 32×32 cells switches to the hash.
          expect(aggregate(lines, pageSize, { ...tiny, denseMaxCells: 32 * 32 }).finish()).toEqual(expected);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('gives the same result whether resumed from a snapshot after any page or run in one pass', () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { maxLength: 200, size: 'max' }),
        fc.integer({ min: 1, max: 40 }),
        fc.nat(),
        fc.boolean(),
        (lines, pageSize, cutAt, sparse) => {
          const options = sparse ? { denseMaxCells: 1 } : {};
          const onePass = aggregate(lines, lines.length || 1, options).finish();
          const pages: CutoffLine[][] = [];
          for (let i = 0; i < lines.length; i += pageSize) pages.push(lines.slice(i, i + pageSize));
          const cut = pages.length === 0 ? 0 : cutAt % (pages.length + 1);

          const first = new CutoffAggregator(options);
          pages.slice(0, cut).forEach((p) => first.addPage(p));
          // The checkpoint goes through JSON, as it would through the database.
          const snapshot = JSON.parse(JSON.stringify(first.snapshot()));
          const resumed = CutoffAggregator.restore(snapshot);
          expect(resumed.pagesAdded).toBe(cut);
          expect(resumed.snapshot()).toEqual(first.snapshot());
          pages.slice(cut).forEach((p) => resumed.addPage(p));
          expect(resumed.finish()).toEqual(onePass);
          expect(resumed.linesAdded).toBe(lines.length);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('sums money exactly in integer fen, far beyond what float cents would survive', () => {
    const lines: CutoffLine[] = [];
    for (let i = 0; i < 10_000; i++) {
      lines.push({
        pickupPointId: `pp-${i % 7}`,
        batchItemId: 'bi-1',
        supplierId: 's',
        qty: 3,
        amountFen: 99_999_999 + (i % 3),
      });
    }
    const result = aggregate(lines, 1000).finish();
    const expectedFen = lines.reduce((s, l) => s + l.amountFen, 0);
    expect(Number.isSafeInteger(result.totalAmountFen)).toBe(true);
    expect(result.totalAmountFen).toBe(expectedFen);
    expect(result.purchaseOrders[0].totalAmountFen).toBe(expectedFen);
    expect(result.itemTotals[0].amountFen).toBe(expectedFen);
    expect(result.packingLists.reduce((s, p) => s + p.amountFen, 0)).toBe(expectedFen);
  });

  it('keeps exact quantities when a cell outgrows 16 bits, dense or sparse', () => {
    const lines: CutoffLine[] = [
      { pickupPointId: 'pp-1', batchItemId: 'bi-1', supplierId: 's', qty: 40_000, amountFen: 1 },
      { pickupPointId: 'pp-2', batchItemId: 'bi-1', supplierId: 's', qty: 3, amountFen: 1 },
      { pickupPointId: 'pp-1', batchItemId: 'bi-1', supplierId: 's', qty: 40_000, amountFen: 1 },
      { pickupPointId: 'pp-1', batchItemId: 'bi-2', supplierId: 's', qty: 65_535, amountFen: 1 },
      { pickupPointId: 'pp-1', batchItemId: 'bi-2', supplierId: 's', qty: 2_000_000_000, amountFen: 1 },
    ];
    for (const options of [{}, { denseMaxCells: 1 }]) {
      const result = aggregate(lines, 2, options).finish();
      expect(result).toEqual(naive(lines));
      expect(result.packingLists[0].quantities).toEqual([80_000, 2_000_065_535]);
    }
    const overflow = new CutoffAggregator();
    overflow.addPage([{ pickupPointId: 'p', batchItemId: 'b', supplierId: 's', qty: 2_000_000_000, amountFen: 0 }]);
    expect(() =>
      overflow.addPage([{ pickupPointId: 'p', batchItemId: 'b', supplierId: 's', qty: 2_000_000_000, amountFen: 0 }]),
    ).toThrow(RangeError);
  });

  it('orders every document by id, whatever the arrival order', () => {
    const lines: CutoffLine[] = [
      { pickupPointId: 'pp-b', batchItemId: 'bi-z', supplierId: 's-2', qty: 1, amountFen: 100 },
      { pickupPointId: 'pp-a', batchItemId: 'bi-y', supplierId: 's-1', qty: 2, amountFen: 200 },
      { pickupPointId: 'pp-b', batchItemId: 'bi-a', supplierId: 's-2', qty: 3, amountFen: 300 },
      { pickupPointId: 'pp-C', batchItemId: 'bi-y', supplierId: 's-1', qty: 1, amountFen: 100 },
    ];
    const forward = aggregate(lines, 2).finish();
    const backward = aggregate(lines.slice().reverse(), 3).finish();
    expect(JSON.stringify(backward)).toBe(JSON.stringify(forward));
    // Code-unit order, not locale order: upper case sorts first.
    expect(forward.packingLists.map((p) => p.pickupPointId)).toEqual(['pp-C', 'pp-a', 'pp-b']);
    expect(packingListLines(forward.packingLists[2])).toEqual([
      { batchItemId: 'bi-a', qty: 3 },
      { batchItemId: 'bi-z', qty: 1 },
    ]);
    expect(forward.purchaseOrders).toEqual([
      {
        supplierId: 's-1',
        lines: [{ batchItemId: 'bi-y', qty: 3, amountFen: 300, lineCount: 2 }],
        totalQty: 3,
        totalAmountFen: 300,
      },
      {
        supplierId: 's-2',
        lines: [
          { batchItemId: 'bi-a', qty: 3, amountFen: 300, lineCount: 1 },
          { batchItemId: 'bi-z', qty: 1, amountFen: 100, lineCount: 1 },
        ],
        totalQty: 4,
        totalAmountFen: 400,
      },
    ]);
  });

  it('buys an item from each supplier it was sold under but packs it as one line', () => {
    const result = aggregate(
      [
        { pickupPointId: 'pp-1', batchItemId: 'bi-1', supplierId: 'old', qty: 2, amountFen: 200 },
        { pickupPointId: 'pp-1', batchItemId: 'bi-1', supplierId: 'new', qty: 5, amountFen: 500 },
      ],
      10,
    ).finish();
    expect(result.purchaseOrders.map((p) => [p.supplierId, p.totalQty])).toEqual([
      ['new', 5],
      ['old', 2],
    ]);
    expect(packingListLines(result.packingLists[0])).toEqual([{ batchItemId: 'bi-1', qty: 7 }]);
    expect(result.itemTotals[0]).toMatchObject({ qty: 7, pointCount: 1, supplierIds: ['new', 'old'] });
  });

  it('leaves fully refunded lines out of packing and purchase orders but counts them', () => {
    const result = aggregate(
      [
        { pickupPointId: 'pp-1', batchItemId: 'bi-1', supplierId: 's', qty: 0, amountFen: 0 },
        { pickupPointId: 'pp-2', batchItemId: 'bi-2', supplierId: 's', qty: 1, amountFen: 50 },
      ],
      10,
    ).finish();
    expect(result.packingLists.map((p) => p.pickupPointId)).toEqual(['pp-2']);
    expect(result.purchaseOrders[0].lines.map((l) => l.batchItemId)).toEqual(['bi-2']);
    expect(result.itemTotals.find((t) => t.batchItemId === 'bi-1')).toMatchObject({
      qty: 0,
      lineCount: 1,
      pointCount: 0,
    });
    expect(result.lineCount).toBe(2);
  });

  it('rejects a bad page as a whole, leaving the aggregate unchanged', () => {
    const agg = new CutoffAggregator();
    agg.addPage([{ pickupPointId: 'pp-1', batchItemId: 'bi-1', supplierId: 's', qty: 1, amountFen: 100 }]);
    const before = agg.snapshot();
    const bad = (patch: Partial<CutoffLine>) => [
      { pickupPointId: 'pp-2', batchItemId: 'bi-2', supplierId: 's', qty: 1, amountFen: 100 },
      { pickupPointId: 'pp-3', batchItemId: 'bi-3', supplierId: 's', qty: 1, amountFen: 100, ...patch },
    ];
    for (const patch of [{ qty: 1.5 }, { qty: -1 }, { amountFen: 10.5 }, { amountFen: NaN }, { pickupPointId: '' }]) {
      expect(() => agg.addPage(bad(patch))).toThrow(CutoffInputError);
    }
    expect(agg.snapshot()).toEqual(before);
  });

  it('refuses a malformed snapshot', () => {
    const agg = new CutoffAggregator();
    agg.addPage([{ pickupPointId: 'pp-1', batchItemId: 'bi-1', supplierId: 's', qty: 1, amountFen: 100 }]);
    const snapshot = agg.snapshot();
    expect(() => CutoffAggregator.restore({ ...snapshot, cellQty: [] })).toThrow(RangeError);
    expect(() => CutoffAggregator.restore({ ...snapshot, cellColumns: [5] })).toThrow(RangeError);
  });
});
