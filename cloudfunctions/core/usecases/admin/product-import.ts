import type { ProductImportInput, ProductImportResult } from '../../../../typings/contracts/admin/catalog';
import type { Product } from '../../../../typings/models';
import { allCategories } from '../../repos/categories';
import { insertProductOnce, productTitlesOf } from '../../repos/products';
import { suppliersPage } from '../../repos/suppliers';
import { now } from '../../infra/clock';
import { compact, keyedId } from './common';

type Problem = ProductImportResult['errors'][number];

/**
 * Bulk import from the console's Excel template, all or nothing: every row is
 * checked first (category and supplier by name or id, no title twice for a
 * supplier, in the sheet or already stored) and a single bad row stores nothing,
 * answering every problem with its sheet row. Ids come from the requestId and the
 * row, so a retried import writes each product once.
 */
export async function importProducts(input: ProductImportInput): Promise<ProductImportResult> {
  const [categories, suppliers] = await Promise.all([allCategories(), suppliersPage({ page: 1, pageSize: 1000 })]);
  const pick = <T extends { _id: string; name: string }>(list: T[], key: string) =>
    list.find((x) => x._id === key) ?? list.find((x) => x.name === key);
  const errors: Problem[] = [];
  const seen = new Set<string>();
  const rows = input.rows.map((r) => {
    const category = pick(categories, r.category);
    const supplier = pick(suppliers.items, r.supplier);
    if (!category) errors.push({ line: r.line, field: '类目', message: `没有名为「${r.category}」的类目` });
    if (!supplier) errors.push({ line: r.line, field: '供应商', message: `没有名为「${r.supplier}」的供应商` });
    const key = `${supplier?._id}|${r.title}`;
    if (supplier && seen.has(key)) errors.push({ line: r.line, field: '商品名称', message: '表中重复' });
    seen.add(key);
    return { r, categoryId: category?._id, supplierId: supplier?._id };
  });
  const stored = await productTitlesOf(input.rows.map((r) => r.title));
  for (const { r, supplierId } of rows)
    if (stored.some((p) => p.title === r.title && p.supplierId === supplierId && !isOwnRetry(p._id, input, r.line)))
      errors.push({ line: r.line, field: '商品名称', message: '该供应商已有同名商品' });
  if (errors.length) return { imported: 0, errors: errors.sort((a, b) => a.line - b.line) };

  const at = now();
  for (const { r, categoryId, supplierId } of rows) {
    const doc: Product = compact({
      _id: importedId(input, r.line),
      title: r.title,
      categoryId: categoryId as string,
      supplierId: supplierId as string,
      unit: r.unit,
      images: r.images,
      description: r.description,
      status: 'active' as const,
      updatedAt: at,
    });
    await insertProductOnce(doc);
  }
  return { imported: rows.length, errors: [] };
}

const importedId = (input: ProductImportInput, line: number) =>
  keyedId('p', 'product-import', `${input.requestId}|${line}`);
/** A retried import finds its own products stored: not a duplicate. */
const isOwnRetry = (id: string, input: ProductImportInput, line: number) => id === importedId(input, line);
