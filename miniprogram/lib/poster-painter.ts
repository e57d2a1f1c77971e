import { coverSource, POSTER_HEIGHT, POSTER_WIDTH, type DrawOp, type Font, type MeasureText } from './poster';

/** What the painter uses of a canvas 2d node and its context (WechatMiniprogram.Canvas, narrowed for tests). */
export interface PosterCanvas {
  width: number;
  height: number;
  getContext(type: '2d'): Ctx2d;
  createImage(): PosterImage;
}
export interface PosterImage {
  src: string;
  width: number;
  height: number;
  onload: (() => void) | null;
  onerror: ((err: unknown) => void) | null;
}
/** The canvas 2d context calls the painter makes (the mini-program's typings have no DOM). */
export interface Ctx2d {
  font: string;
  fillStyle: string;
  textBaseline: string;
  measureText(text: string): { width: number };
  fillText(text: string, x: number, y: number): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  clearRect(x: number, y: number, w: number, h: number): void;
  drawImage(img: PosterImage, ...args: number[]): void;
  save(): void;
  restore(): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  arcTo(x1: number, y1: number, x2: number, y2: number, r: number): void;
  closePath(): void;
  fill(): void;
  clip(): void;
}

export const fontOf = (f: Font) => `${f.bold ? 'bold ' : ''}${f.size}px sans-serif`;

/** measureText of the layout, on this context. */
export function measureOn(ctx: Ctx2d): MeasureText {
  return (text, font) => {
    ctx.font = fontOf(font);
    return ctx.measureText(text).width;
  };
}

/** The canvas 2d node `<canvas type="2d" id="…">` inside `component`, its backing store at the poster's design size. */
export function posterCanvas(
  component: WechatMiniprogram.Component.TrivialInstance,
  id = 'poster',
): Promise<PosterCanvas> {
  return new Promise((resolve, reject) =>
    wx
      .createSelectorQuery()
      .in(component)
      .select(`#${id}`)
      .fields({ node: true, size: true })
      .exec((res: Array<{ node?: PosterCanvas } | null>) => {
        const canvas = res?.[0]?.node;
        if (!canvas) return reject(new Error(`canvas #${id} not found`));
        canvas.width = POSTER_WIDTH;
        canvas.height = POSTER_HEIGHT;
        resolve(canvas);
      }),
  );
}

/**
 * A path canvas.createImage can load: a cloud fileID through a temporary URL, a
 * network image downloaded by wx.getImageInfo (the canvas then draws a local
 * file, which canvasToTempFilePath accepts), a package image as it is.
 */
export async function localImage(src: string): Promise<string> {
  let url = src;
  if (src.startsWith('cloud://')) {
    const res = await wx.cloud.getTempFileURL({ fileList: [src] });
    url = res.fileList[0]?.tempFileURL ?? '';
    if (!url) throw new Error(`no temp URL for ${src}`);
  }
  if (!/^https?:\/\//.test(url)) return url;
  return new Promise((resolve, reject) =>
    wx.getImageInfo({ src: url, success: (res) => resolve(res.path), fail: reject }),
  );
}

function loadImage(canvas: PosterCanvas, src: string): Promise<PosterImage> {
  return localImage(src).then(
    (path) =>
      new Promise((resolve, reject) => {
        const img = canvas.createImage();
        img.onload = () => resolve(img);
        img.onerror = reject;
        img.src = path;
      }),
  );
}

function roundRect(ctx: Ctx2d, x: number, y: number, w: number, h: number, r: number) {
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
}

/** Loads every picture of `ops`, then draws them in order. */
export async function paint(canvas: PosterCanvas, ops: DrawOp[]): Promise<void> {
  const ctx = canvas.getContext('2d');
  const sources = [...new Set(ops.flatMap((o) => (o.op === 'image' ? [o.src] : [])))];
  const images = new Map(await Promise.all(sources.map(async (s) => [s, await loadImage(canvas, s)] as const)));
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.textBaseline = 'top';
  for (const o of ops) {
    if (o.op === 'rect') {
      ctx.fillStyle = o.color;
      if (o.radius) {
        roundRect(ctx, o.x, o.y, o.w, o.h, o.radius);
        ctx.fill();
      } else ctx.fillRect(o.x, o.y, o.w, o.h);
    } else if (o.op === 'text') {
      ctx.font = fontOf(o);
      ctx.fillStyle = o.color;
      ctx.fillText(o.text, o.x, o.y);
    } else {
      const img = images.get(o.src)!;
      const { sx, sy, sw, sh } = coverSource(img.width, img.height, o.w, o.h);
      ctx.save();
      if (o.radius) {
        roundRect(ctx, o.x, o.y, o.w, o.h, o.radius);
        ctx.clip();
      }
      ctx.drawImage(img, sx, sy, sw, sh, o.x, o.y, o.w, o.h);
      ctx.restore();
    }
  }
}

/** The canvas as a PNG temp file at the design size. */
export function toTempFile(canvas: PosterCanvas): Promise<string> {
  return new Promise((resolve, reject) =>
    wx.canvasToTempFilePath({
      canvas: canvas as unknown as WechatMiniprogram.Canvas,
      x: 0,
      y: 0,
      width: POSTER_WIDTH,
      height: POSTER_HEIGHT,
      destWidth: POSTER_WIDTH,
      destHeight: POSTER_HEIGHT,
      fileType: 'png',
      success: (res) => resolve(res.tempFilePath),
      fail: reject,
    }),
  );
}
