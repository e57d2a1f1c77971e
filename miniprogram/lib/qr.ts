import qrcode from 'qrcode-generator';

/**
 * The pickup code as a QR image the leader scans with wx.scanCode. Drawn on the
 * phone as a GIF data URL (no canvas, no network); the QR text is the code itself.
 */
export function qrDataUrl(text: string, cellSize = 8): string {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  return qr.createDataURL(cellSize, 2);
}
