import { formatFen } from './money';

/**
 * Share posters as a list of draw operations at a fixed design size, with no
 * canvas in sight: what is where is decided (and tested) here, the painter
 * (components/poster-canvas) only runs the list on a canvas 2d context.
 * Text is drawn with textBaseline 'top' from (x, y); w and h are its box.
 */
export const POSTER_WIDTH = 750;
export const POSTER_HEIGHT = 1200;
/** The whole day's poster lists this many items, then says 等 N 件. */
export const BATCH_POSTER_ITEMS = 6;

export interface Font {
  size: number;
  bold?: boolean;
}
/** The width `text` takes in `font` (the painter passes the canvas's measureText). */
export type MeasureText = (text: string, font: Font) => number;

export type DrawOp =
  | { op: 'rect'; x: number; y: number; w: number; h: number; color: string; radius?: number }
  | ({ op: 'text'; x: number; y: number; w: number; h: number; text: string; color: string } & Font)
  /** An image scaled to cover its box (cropped in the middle), see coverSource. */
  | { op: 'image'; x: number; y: number; w: number; h: number; src: string; radius?: number };

export interface PosterPoint {
  leaderName: string;
  pointName: string;
  pointAddress: string;
  /** The 小程序码, a path the painter can load. */
  qr: string;
}

export interface ItemPosterData extends PosterPoint {
  title: string;
  priceFen: number;
  originalPriceFen?: number;
  unit?: string;
  image: string;
}

export interface BatchPosterData extends PosterPoint {
  title: string;
  pickupDate?: string;
  items: Array<{ title: string; priceFen: number; image: string; unit?: string }>;
}

const RED = '#ee0a24';
const INK = '#323233';
const GREY = '#969799';
const PAD = 40;
const INNER = POSTER_WIDTH - 2 * PAD;
const ELLIPSIS = '…';

/**
 * `text` broken into at most `maxLines` lines no wider than `maxWidth`, character
 * by character (Chinese has no spaces to break at); the last line ends in … when
 * the text does not fit. A width too narrow for one character gets no line.
 */
export function wrapText(text: string, maxWidth: number, maxLines: number, width: (s: string) => number): string[] {
  let rest = [...text.replace(/\s+/g, ' ').trim()];
  const lines: string[] = [];
  while (rest.length && lines.length < maxLines && width(rest[0]) <= maxWidth) {
    let n = 1;
    while (n < rest.length && width(rest.slice(0, n + 1).join('')) <= maxWidth) n++;
    lines.push(rest.slice(0, n).join(''));
    rest = rest.slice(n);
  }
  if (rest.length && lines.length) {
    let last = [...lines[lines.length - 1]];
    while (last.length && width(last.join('') + ELLIPSIS) > maxWidth) last = last.slice(0, -1);
    if (width(ELLIPSIS) <= maxWidth) lines[lines.length - 1] = last.join('') + ELLIPSIS;
    else lines.pop();
  }
  return lines;
}

/** The part of a `imgW`×`imgH` picture that covers a `w`×`h` box: cut evenly off the longer side. */
export function coverSource(imgW: number, imgH: number, w: number, h: number) {
  const scale = Math.max(w / imgW, h / imgH);
  const sw = w / scale;
  const sh = h / scale;
  return { sx: (imgW - sw) / 2, sy: (imgH - sh) / 2, sw, sh };
}

/** Builds the op list; text helpers measure with the painter's measureText. */
class Layout {
  readonly ops: DrawOp[] = [];
  constructor(private readonly measure: MeasureText) {}

  rect(x: number, y: number, w: number, h: number, color: string, radius?: number) {
    this.ops.push({ op: 'rect', x, y, w, h, color, ...(radius ? { radius } : {}) });
  }

  image(src: string, x: number, y: number, w: number, h: number, radius?: number) {
    if (src) this.ops.push({ op: 'image', x, y, w, h, src, ...(radius ? { radius } : {}) });
  }

  /** One line, cut with … to maxWidth; answers its width. align center centres it on the poster. */
  line(text: string, x: number, y: number, font: Font, color: string, maxWidth: number, align?: 'center' | 'right') {
    const [fitted = ''] = wrapText(text, maxWidth, 1, (s) => this.measure(s, font));
    const w = Math.min(maxWidth, this.measure(fitted, font));
    const left = align === 'center' ? (POSTER_WIDTH - w) / 2 : align === 'right' ? x - w : x;
    if (fitted) this.ops.push({ op: 'text', x: left, y, w, h: font.size, text: fitted, color, ...font });
    return w;
  }

  /** Up to maxLines lines `lineHeight` apart; answers the y under the last one. */
  lines(
    text: string,
    x: number,
    y: number,
    font: Font,
    color: string,
    maxWidth: number,
    maxLines: number,
    lineHeight: number,
  ) {
    const rows = wrapText(text, maxWidth, maxLines, (s) => this.measure(s, font));
    rows.forEach((row, i) => this.line(row, x, y + i * lineHeight, font, color, maxWidth));
    return y + rows.length * lineHeight;
  }

  /** A price with its original one struck through beside it. */
  price(priceFen: number, originalPriceFen: number | undefined, x: number, y: number, big: number, maxWidth: number) {
    const w = this.line(formatFen(priceFen), x, y, { size: big, bold: true }, RED, maxWidth);
    if (originalPriceFen && originalPriceFen > priceFen) {
      const small = Math.round(big * 0.5);
      const ox = x + w + 16;
      const oy = y + big - small - 4;
      const ow = this.line(formatFen(originalPriceFen), ox, oy, { size: small }, GREY, Math.max(0, x + maxWidth - ox));
      if (ow) this.rect(ox, oy + small / 2, ow, 2, GREY);
    }
  }

  /** The foot of every poster: where to pick up, and the 小程序码 to scan. */
  footer(p: PosterPoint, top: number) {
    const qr = 180;
    const qrX = POSTER_WIDTH - PAD - qr;
    const textW = qrX - PAD - 24;
    this.rect(0, top, POSTER_WIDTH, POSTER_HEIGHT - top, '#f7f8fa');
    let y = top + 36;
    this.line(`团长：${p.leaderName}`, PAD, y, { size: 28, bold: true }, INK, textW);
    y += 48;
    this.line(`自提点：${p.pointName}`, PAD, y, { size: 26 }, INK, textW);
    y += 42;
    this.lines(p.pointAddress, PAD, y, { size: 24 }, GREY, textW, 2, 36);
    const qrY = top + 24;
    this.image(p.qr, qrX, qrY, qr, qr);
    this.line('长按识别小程序码', qrX + qr, qrY + qr + 8, { size: 20 }, GREY, qr, 'right');
  }
}

const FOOTER_TOP = POSTER_HEIGHT - 260;

/** 商品海报: the picture, the title (2 lines), the group price, the leader's point and the 小程序码. */
export function itemPoster(data: ItemPosterData, measure: MeasureText): DrawOp[] {
  const l = new Layout(measure);
  l.rect(0, 0, POSTER_WIDTH, POSTER_HEIGHT, '#ffffff');
  l.rect(0, 0, POSTER_WIDTH, 96, RED);
  l.line(`${data.leaderName}的团购 · 邻里好物`, PAD, 30, { size: 34, bold: true }, '#ffffff', INNER);
  const imageSize = 560;
  l.image(data.image, (POSTER_WIDTH - imageSize) / 2, 120, imageSize, imageSize, 16);
  const titleBottom = l.lines(data.title, PAD, 712, { size: 36, bold: true }, INK, INNER, 2, 50);
  const priceY = titleBottom + 20;
  const labelW = l.line('团购价', PAD, priceY + 30, { size: 26 }, RED, 120);
  l.price(data.priceFen, data.originalPriceFen, PAD + labelW + 12, priceY, 60, INNER - labelW - 12);
  if (data.unit) l.line(`/${data.unit}`, POSTER_WIDTH - PAD, priceY + 30, { size: 26 }, GREY, 120, 'right');
  l.footer(data, FOOTER_TOP);
  return l.ops;
}

/** 今日海报 of a leader: the batch, up to BATCH_POSTER_ITEMS items with their prices, 等 N 件, the point and the code. */
export function batchPoster(data: BatchPosterData, measure: MeasureText, maxItems = BATCH_POSTER_ITEMS): DrawOp[] {
  const l = new Layout(measure);
  l.rect(0, 0, POSTER_WIDTH, POSTER_HEIGHT, '#ffffff');
  l.rect(0, 0, POSTER_WIDTH, 150, RED);
  l.line(data.title, PAD, 32, { size: 40, bold: true }, '#ffffff', INNER);
  const sub = data.pickupDate ? `${data.leaderName}的团购 · ${data.pickupDate} 自提` : `${data.leaderName}的团购`;
  l.line(sub, PAD, 94, { size: 26 }, '#ffffff', INNER);
  const shown = data.items.slice(0, maxItems);
  const rowH = Math.min(130, Math.floor((FOOTER_TOP - 60 - 170) / Math.max(1, maxItems)));
  const pic = rowH - 20;
  shown.forEach((item, i) => {
    const y = 170 + i * rowH;
    l.image(item.image, PAD, y, pic, pic, 8);
    const x = PAD + pic + 24;
    const w = POSTER_WIDTH - PAD - x;
    l.lines(item.title, x, y + 4, { size: 28 }, INK, w, 1, 40);
    l.price(item.priceFen, undefined, x, y + pic - 40, 36, w);
  });
  const more = data.items.length > shown.length ? `等 ${data.items.length} 件好物，扫码下单` : '扫码下单，次日自提';
  l.line(more, 0, FOOTER_TOP - 50, { size: 26, bold: true }, RED, INNER, 'center');
  l.footer(data, FOOTER_TOP);
  return l.ops;
}
