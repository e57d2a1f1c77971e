/**
 * Downloads built in the browser: Excel with exceljs (loaded on demand, it is
 * large) and CSV with a BOM so Excel opens the Chinese text as UTF-8.
 */
export interface SheetColumn {
  header: string;
  key: string;
  width?: number;
  /** Money columns hold yuan numbers with a ¥ number format (computed from fen exactly). */
  money?: boolean;
}

export interface SheetSpec {
  name: string;
  /** Lines above the table (title, batch, supplier ...). */
  caption?: string[];
  columns: SheetColumn[];
  rows: Array<Record<string, string | number>>;
  /** A last row (e.g. 合计). */
  total?: Record<string, string | number>;
}

function save(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const yuanNumber = (fen: number) => Math.round(fen) / 100;

export async function exportExcel(filename: string, sheets: SheetSpec[]): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = '社区团购管理后台';
  wb.created = new Date();
  for (const spec of sheets) {
    const ws = wb.addWorksheet(spec.name.slice(0, 31).replace(/[\\/?*[\]:]/g, '_'));
    for (const line of spec.caption ?? []) ws.addRow([line]).font = { bold: true };
    if (spec.caption?.length) ws.addRow([]);
    const header = ws.addRow(spec.columns.map((c) => c.header));
    header.font = { bold: true };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFF3F8' } };
      cell.border = { bottom: { style: 'thin' } };
    });
    const put = (row: Record<string, string | number>, bold = false) => {
      const r = ws.addRow(
        spec.columns.map((c) => {
          const v = row[c.key];
          return c.money && typeof v === 'number' ? yuanNumber(v) : (v ?? '');
        }),
      );
      spec.columns.forEach((c, i) => {
        if (c.money) r.getCell(i + 1).numFmt = '"¥"#,##0.00';
      });
      if (bold) r.font = { bold: true };
    };
    for (const row of spec.rows) put(row);
    if (spec.total) put(spec.total, true);
    spec.columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width ?? 14));
  }
  const buffer = await wb.xlsx.writeBuffer();
  save(
    new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
    filename.endsWith('.xlsx') ? filename : `${filename}.xlsx`,
  );
}

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  // Also defuse formula injection: a cell starting with = + - @ is read as text.
  const safe = /^[=+\-@]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function exportCsv(filename: string, spec: SheetSpec): void {
  const lines = [spec.columns.map((c) => csvCell(c.header)).join(',')];
  const put = (row: Record<string, string | number>) =>
    lines.push(
      spec.columns
        .map((c) => {
          const v = row[c.key];
          return csvCell(c.money && typeof v === 'number' ? yuanNumber(v).toFixed(2) : v);
        })
        .join(','),
    );
  for (const row of spec.rows) put(row);
  if (spec.total) put(spec.total);
  save(
    new Blob(['\ufeff' + lines.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' }),
    filename.endsWith('.csv') ? filename : `${filename}.csv`,
  );
}
