import { resetWx, wxMock } from './setup';
import { openPage, textOf, find, flush, tap } from './helpers';
import { stubApi, failWith } from './api';
import { BATCH, EGGS, MILK, CATEGORIES } from './fixtures/demo';
import { SHARE } from './fixtures/leader';
import { catalogStore } from '../../miniprogram/stores/catalog';
import { posterStore } from '../../miniprogram/stores/poster';

const DETAIL = { ...EGGS, images: ['cloud://env/eggs.jpg'], batch: BATCH };
const CODE = {
  scene: 'l=leader-1&g=0123abcd',
  fileID: 'cloud://env/posters/item/l-leader-1-g-0123abcd.png',
  url: 'https://tmp.example.com/qr.png',
  leaderId: 'leader-1',
  leaderName: '王阿姨',
  pointName: '阳光花园3栋门口',
  pointAddress: '上海市浦东新区锦绣路1500弄',
};

/**
 * A canvas 2d node as the selector query answers it (simulate renders no canvas):
 * its context records what is drawn; images load at once, 800×600.
 */
function fakeCanvas() {
  const drawn: Array<{ call: string; args: unknown[]; font?: string; fillStyle?: string }> = [];
  const ctx: Record<string, any> = { font: '', fillStyle: '', textBaseline: '' };
  for (const call of [
    'fillText',
    'fillRect',
    'clearRect',
    'drawImage',
    'save',
    'restore',
    'beginPath',
    'moveTo',
    'arcTo',
    'closePath',
    'fill',
    'clip',
  ])
    ctx[call] = (...args: unknown[]) => drawn.push({ call, args, font: ctx.font, fillStyle: ctx.fillStyle });
  ctx.measureText = (text: string) => ({ width: [...text].length * Number(/(\d+)px/.exec(ctx.font)?.[1] ?? 10) });
  const canvas = {
    width: 300,
    height: 150,
    getContext: jest.fn(() => ctx),
    createImage: () => {
      const img: any = { width: 800, height: 600, onload: null, onerror: null };
      Object.defineProperty(img, 'src', {
        set(v: string) {
          img._src = v;
          setTimeout(() => (v.includes('broken') ? img.onerror?.(new Error('decode')) : img.onload?.()));
        },
        get: () => img._src,
      });
      return img;
    },
  };
  const texts = () => drawn.filter((d) => d.call === 'fillText').map((d) => d.args[0] as string);
  const images = () => drawn.filter((d) => d.call === 'drawImage').map((d) => (d.args[0] as any).src as string);
  return { canvas, ctx, drawn, texts, images };
}

/** simulate's own, which Vant's components measure with. */
const realQuery = wxMock.createSelectorQuery;
let paper: ReturnType<typeof fakeCanvas>;
beforeEach(() => {
  resetWx();
  catalogStore.detail = null;
  posterStore.poster = null;
  paper = fakeCanvas();
  const query: any = {
    in: jest.fn(() => query),
    select: jest.fn(() => query),
    fields: jest.fn(() => query),
    exec: jest.fn((cb: (res: unknown[]) => void) =>
      setTimeout(() => cb([{ node: paper.canvas, width: 375, height: 600 }])),
    ),
  };
  wxMock.createSelectorQuery = jest.fn(() => query);
  (wxMock.cloud as any).getTempFileURL = jest.fn(async ({ fileList }: { fileList: string[] }) => ({
    fileList: fileList.map((fileID) => ({ fileID, tempFileURL: `https://tmp.example.com/${fileID.split('/').pop()}` })),
  }));
  wxMock.getImageInfo = jest.fn((o: any) =>
    o.success({ path: `wxfile://${o.src.split('/').pop()}`, width: 800, height: 600 }),
  );
  wxMock.canvasToTempFilePath = jest.fn((o: any) => o.success({ tempFilePath: 'wxfile://poster.png' }));
  wxMock.saveImageToPhotosAlbum = jest.fn((o: any) => o.success({}));
  wxMock.openSetting = jest.fn();
});

test("生成海报 of an item: the picture, title, prices, the resident's leader and point, the 小程序码; saved to the album", async () => {
  const api = stubApi({ 'catalog.item': DETAIL, 'catalog.posterCode': CODE });
  const page = await openPage('packages/goods/poster/index', { id: 'bi-eggs' });
  await flush();

  expect(api.calls('catalog.posterCode')).toEqual([{ batchItemId: 'bi-eggs' }]);
  expect(wxMock.createSelectorQuery().select).toHaveBeenCalledWith('#poster');
  expect(wxMock.createSelectorQuery().fields).toHaveBeenCalledWith({ node: true, size: true });
  expect(paper.canvas.getContext).toHaveBeenCalledWith('2d');
  expect([paper.canvas.width, paper.canvas.height]).toEqual([750, 1200]);
  expect(paper.texts()).toEqual(
    expect.arrayContaining([
      '散养土鸡蛋 30枚',
      '¥25.80',
      '¥32.80',
      '团长：王阿姨',
      '自提点：阳光花园3栋门口',
      '长按识别小程序码',
    ]),
  );
  // The product picture through a temp URL and getImageInfo; the code from its temp URL.
  expect(paper.images()).toEqual(['wxfile://eggs.jpg', 'wxfile://qr.png']);
  expect((wxMock.cloud as any).getTempFileURL).toHaveBeenCalledWith({ fileList: ['cloud://env/eggs.jpg'] });
  // The price is drawn in red, bold.
  const price = paper.drawn.find((d) => d.call === 'fillText' && d.args[0] === '¥25.80')!;
  expect(price).toMatchObject({ fillStyle: '#ee0a24', font: 'bold 60px sans-serif' });
  expect(wxMock.showLoading).toHaveBeenCalledWith(expect.objectContaining({ title: '海报生成中' }));
  expect(wxMock.hideLoading).toHaveBeenCalled();
  expect(wxMock.canvasToTempFilePath).toHaveBeenCalledWith(
    expect.objectContaining({ canvas: paper.canvas, destWidth: 750, destHeight: 1200 }),
  );
  // (simulate keeps no src attribute on <image>: the bound value is what it shows.)
  find(page, '.poster__image');
  expect((page as any).data.imagePath).toBe('wxfile://poster.png');

  await tap(page, '.save', '.van-button');
  expect(wxMock.saveImageToPhotosAlbum).toHaveBeenCalledWith(
    expect.objectContaining({ filePath: 'wxfile://poster.png' }),
  );
  expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存到相册' }));
});

test('album permission refused: a modal explains and opens the settings; a cancel there opens nothing', async () => {
  stubApi({ 'catalog.item': DETAIL, 'catalog.posterCode': CODE });
  wxMock.saveImageToPhotosAlbum = jest.fn((o: any) => o.fail({ errMsg: 'saveImageToPhotosAlbum:fail auth deny' }));
  const page = await openPage('packages/goods/poster/index', { id: 'bi-eggs' });

  await tap(page, '.save', '.van-button');
  expect(wxMock.showModal).toHaveBeenCalledWith(
    expect.objectContaining({ title: '需要相册权限', confirmText: '去设置' }),
  );
  expect(wxMock.openSetting).toHaveBeenCalledTimes(1);
  expect(wxMock.showToast).not.toHaveBeenCalledWith(expect.objectContaining({ title: '已保存到相册' }));

  wxMock.showModal = jest.fn(() => Promise.resolve({ confirm: false, cancel: true }));
  await tap(page, '.save', '.van-button');
  expect(wxMock.openSetting).toHaveBeenCalledTimes(1);
});

test("今日海报 of a leader's batch: 6 items and 等 N 件, the leader's own code and point", async () => {
  const items = Array.from({ length: 8 }, (_, i) => ({
    ...MILK,
    _id: `bi-${i}`,
    title: `鲜牛奶${i + 1}号`,
    image: `/images/p${i}.jpg`,
  }));
  const soldOut = {
    ...EGGS,
    _id: 'bi-gone',
    title: '已售罄的鸡蛋',
    soldOut: true,
    stock: 0,
    image: '/images/gone.jpg',
  };
  const list = {
    serverNow: new Date().toISOString(),
    batch: BATCH,
    items: [soldOut, ...items],
    categories: CATEGORIES,
  };
  const api = stubApi({ 'leader.shareInfo': SHARE, 'catalog.items': list });
  await openPage('packages/goods/poster/index', { batchId: 'batch-1' });
  await flush();

  expect(api.calls('leader.shareInfo')).toEqual([{ batchId: 'batch-1' }]);
  const texts = paper.texts();
  expect(texts).toEqual(
    expect.arrayContaining([
      '5月20日 今日团购',
      '王阿姨的团购 · 2024-05-21 自提',
      '等 9 件好物，扫码下单',
      '¥12.90',
      '团长：王阿姨',
    ]),
  );
  expect(texts.filter((t) => t.startsWith('鲜牛奶'))).toEqual([
    '鲜牛奶1号',
    '鲜牛奶2号',
    '鲜牛奶3号',
    '鲜牛奶4号',
    '鲜牛奶5号',
    '鲜牛奶6号',
  ]);
  expect(texts).not.toContain('已售罄的鸡蛋'); // what can still be bought comes first
  // Package pictures load as they are; the leader's code through getImageInfo.
  expect(paper.images()).toEqual([
    '/images/p0.jpg',
    '/images/p1.jpg',
    '/images/p2.jpg',
    '/images/p3.jpg',
    '/images/p4.jpg',
    '/images/p5.jpg',
    'wxfile://leader-1.png',
  ]);
});

test('a picture that does not load: 海报生成失败 and 重新生成 draws again', async () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  stubApi({ 'catalog.item': { ...DETAIL, images: ['/images/broken.jpg'] }, 'catalog.posterCode': CODE });
  const page = await openPage('packages/goods/poster/index', { id: 'bi-eggs' });
  await flush();
  expect(textOf(page)).toContain('海报生成失败');
  expect(wxMock.hideLoading).toHaveBeenCalled();
  expect(wxMock.canvasToTempFilePath).not.toHaveBeenCalled();
  expect(warn).toHaveBeenCalledWith('poster drawing failed', expect.any(Error));
  warn.mockRestore();

  posterStore.poster = {
    ...posterStore.poster!,
    data: { ...(posterStore.poster!.data as any), image: '/images/eggs.jpg' },
  } as any;
  await tap(page, '.redraw', '.van-button');
  await flush();
  expect(textOf(page)).not.toContain('海报生成失败');
  // (simulate keeps no src attribute on <image>: the bound value is what it shows.)
  find(page, '.poster__image');
  expect((page as any).data.imagePath).toBe('wxfile://poster.png');
});

test('a resident bound to no point is told so, and nothing is drawn', async () => {
  stubApi({ 'catalog.item': DETAIL, 'catalog.posterCode': failWith('INVALID_STATE', '请先选择自提点') });
  const page = await openPage('packages/goods/poster/index', { id: 'bi-eggs' });
  expect(textOf(page)).toContain('请先在「我的」选择自提点');
  expect(paper.drawn).toEqual([]);
  expect(wxMock.canvasToTempFilePath).not.toHaveBeenCalled();
});

test("the item page: 生成海报 opens the poster; opened from a poster code it shows the scene's item and binds the leader", async () => {
  const api = stubApi({
    'catalog.item': DETAIL,
    'catalog.posterScene': { batchItemId: 'bi-eggs', leaderId: 'leader-1' },
    'user.enter': { _id: 'oNEW', roles: ['resident'] },
  });
  wxMock.createSelectorQuery = realQuery;
  const page = await openPage('packages/goods/detail/index', { scene: encodeURIComponent(CODE.scene) });
  expect(api.calls('catalog.posterScene')).toEqual([{ scene: encodeURIComponent(CODE.scene) }]);
  expect(api.calls('user.enter')).toEqual([{ scene: CODE.scene }]);
  expect(api.calls('catalog.item')).toEqual([{ batchItemId: 'bi-eggs' }]);

  // The icon's inner van-button has no class a selector reaches: the icon's own click handler is what a tap runs.
  (find(page, '.make-poster') as any).instance.onClick({ detail: {} });
  await flush();
  expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/packages/goods/poster/index?id=bi-eggs' });
});
