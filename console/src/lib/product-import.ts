import { productImportRow, type ProductImportInput } from '../../../typings/contracts/admin/catalog';
import { check } from '../../../typings/contracts/messages';
import { exportExcel } from './export';

/**
 * Bulk product import from Excel: the template's columns, reading a filled-in
 * sheet in the browser (exceljs, loaded on demand) and checking each row with the
 * contract's own row schema, so the admin gets every row's problem at once.
 * The server checks the rest (category, supplier, duplicates) and stores all
 * rows or none (products.import).
 */
export const COLUMNS = [
  { header: '商品名称', key: 'title', width: 32 },
  { header: '类目', key: 'category', width: 12 },
  { header: '供应商', key: 'supplier', width: 18 },
  { header: '单位', key: 'unit', width: 8 },
  { header: '图片', key: 'images', width: 40 },
  { header: '描述', key: 'description', width: 40 },
] as const;

export type ImportRow = ProductImportInput['rows'][number];
export interface RowProblem {
  line: number;
  field: string;
  message: string;
}

export function downloadTemplate(): Promise<void> {
  return exportExcel('商品导入模板.xlsx', [
    {
      name: '商品',
      columns: COLUMNS.map((c) => ({ ...c })),
      rows: [
        {
          title: '本地小青菜 500g',
          category: '生鲜',
          supplier: '城南蔬菜基地',
          unit: '份',
          images: '/images/products/qingcai.jpg',
          description: '类目、供应商填名称；多张图片用换行或逗号分隔（cloud:// fileID 或 /images/ 路径）',
        },
      ],
    },
  ]);
}

const cellText = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in (v as object))
    return (v as { richText: Array<{ text: string }> }).richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'text' in (v as object)) return String((v as { text: unknown }).text);
  return String(v);
};

/** The sheet's rows (row 1 is the header), each with its sheet row number; blank rows are skipped. */
export async function readSheet(file: File): Promise<ImportRow[]> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await file.arrayBuffer());
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('表格里没有工作表');
  const header = COLUMNS.map((_, i) => cellText(ws.getRow(1).getCell(i + 1).value).trim());
  const wrong = COLUMNS.findIndex((c, i) => header[i] !== c.header);
  if (wrong >= 0) throw new Error(`第 1 行应是模板的表头：第 ${wrong + 1} 列应为「${COLUMNS[wrong].header}」`);
  const rows: ImportRow[] = [];
  for (let line = 2; line <= ws.rowCount; line++) {
    const cells = COLUMNS.map((_, i) => cellText(ws.getRow(line).getCell(i + 1).value).trim());
    if (cells.every((c) => !c)) continue;
    const [title, category, supplier, unit, images, description] = cells;
    rows.push({
      line,
      title,
      category,
      supplier,
      unit,
      images: images.split(/[\s,，]+/).filter(Boolean),
      ...(description ? { description } : {}),
    });
  }
  return rows;
}

/** Each row against the contract's row schema: the problems a user fixes in the sheet. */
export function checkRows(rows: ImportRow[]): RowProblem[] {
  const out: RowProblem[] = [];
  for (const row of rows) {
    const checked = check(productImportRow(), row);
    if (!checked.ok) out.push({ line: row.line, field: '', message: checked.message });
  }
  return out;
}
