#!/usr/bin/env node
// Draws the demo product pictures (miniprogram/images/products/*.jpg) and their
// 资质/检测报告 sheets (miniprogram/images/certs/*.jpg) that database/seed.ts references: a 400×400 tile per image, with a soft gradient by
// category, one large emoji for the product and its short name. Every file
// counts against the 2 MB main-package limit, so tiles are small JPEGs.
//
// Generation only: needs Chromium (/usr/bin/chromium, or CHROMIUM) and Debian's
// fonts-noto-color-emoji (apt-get install -y fonts-noto-color-emoji) plus
// fonts-noto-cjk. Run `node scripts/product-images.js`; commit the JPEGs.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const esbuild = require('esbuild');
const { chromium } = require('playwright-core');

const root = path.resolve(__dirname, '..');
const MP = path.join(root, 'miniprogram');
const SIZE = 400;
const QUALITY = 70;

// Gradient (top-left → bottom-right) per category.
const BACKGROUNDS = {
  fresh: ['#f1f8e9', '#a5d6a7'], // 生鲜 green
  fruit: ['#fff8e1', '#ffcc80'], // 水果 orange
  dairy: ['#f3f9ff', '#90caf9'], // 乳品 light blue
  grain: ['#fffaf0', '#f5deb3'], // 粮油 wheat
  daily: ['#faf5ff', '#d1c4e9'], // 日用品 lavender
};
const CATEGORY_EMOJI = { fresh: '🥬', fruit: '🍎', dairy: '🥛', grain: '🌾', daily: '🛒' };

// The picture for each product, by product id (new products fall back to their category's).
const EMOJI = {
  'p-qingcai': '🥬',
  'p-tomato': '🍅',
  'p-egg': '🥚',
  'p-pork': '🥩',
  'p-orange': '🍊',
  'p-banana': '🍌',
  'p-grape': '🍇',
  'p-milk': '🥛',
  'p-yogurt': '🥛',
  'p-rice': '🍚',
  'p-oil': '🥜', // 花生油: peanut oil,
  'p-noodle': '🍜',
  'p-tissue': '🧻',
  'p-detergent': '🧴',
  'p-trashbag': '🗑️',
};

/** The seed's products: database/seed.ts bundled to a temporary file (not named *seed.js, which would run its CLI). */
function seedProducts() {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'product-images-')), 'demo-data.cjs');
  esbuild.buildSync({
    entryPoints: [path.join(root, 'database', 'seed.ts')],
    bundle: true,
    platform: 'node',
    outfile: file,
    logLevel: 'warning',
  });
  const products = require(file).buildSeed(new Date(), true).collections.products;
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  return products;
}

/** One product picture as HTML: category colours, the product's emoji and its short name. */
function tileHtml(product) {
  const [from, to] = BACKGROUNDS[product.categoryId] ?? ['#fafafa', '#e0e0e0'];
  const emoji = EMOJI[product._id] ?? CATEGORY_EMOJI[product.categoryId] ?? '📦';
  const name = product.title.split(/\s+/)[0]; // '本地小青菜 500g' → '本地小青菜'
  return `<!doctype html><meta charset="utf-8"><style>
  html, body { margin: 0; width: ${SIZE}px; height: ${SIZE}px; overflow: hidden; }
  body { background: radial-gradient(circle at 50% 42%, rgba(255,255,255,.75), transparent 55%),
    linear-gradient(135deg, ${from}, ${to}); display: flex; flex-direction: column;
    align-items: center; justify-content: center; font-family: 'Noto Sans CJK SC', sans-serif; }
  .emoji { font-family: 'Noto Color Emoji'; line-height: 1; font-size: 210px;
    filter: drop-shadow(0 12px 14px rgba(0,0,0,.18)); }
  .name { margin-top: 22px; padding: 6px 22px; border-radius: 28px; background: rgba(255,255,255,.72);
    color: #333; font-size: 34px; font-weight: 700; letter-spacing: 2px; }
</style><div class="emoji">${emoji}</div><div class="name">${name}</div>`;
}

// 资质/检测报告 pictures (/images/certs/<product>-<kind>.jpg): a certificate sheet per kind.
const CERT_W = 300;
const CERT_H = 400;
/** Sheets are mostly flat colour and text: a lower quality keeps them legible and small. */
const CERT_QUALITY = 55;
const CERT_KINDS = {
  pesticide: ['农药残留检测报告', '检测结果：合格'],
  report: ['产品检验报告', '检验结论：符合国家标准'],
  quarantine: ['动物检疫合格证明', '检疫结果：合格'],
  inspection: ['肉品品质检验合格证', '品质检验：合格'],
  origin: ['地理标志产品证明', '原产地：江西赣州'],
  green: ['绿色食品证书', '认证有效期内'],
};

/** One certificate as HTML: a bordered sheet with its kind, the product and a red stamp. */
function certHtml(product, kind) {
  const [heading, verdict] = CERT_KINDS[kind] ?? ['检测报告', '合格'];
  return `<!doctype html><meta charset="utf-8"><style>
  html, body { margin: 0; width: ${CERT_W}px; height: ${CERT_H}px; overflow: hidden; background: #fdfbf3; }
  body { font-family: 'Noto Sans CJK SC', sans-serif; color: #333; }
  .sheet { position: absolute; inset: 14px; border: 3px double #b08d57; padding: 26px 22px; }
  h1 { margin: 0 0 22px; text-align: center; font-size: 24px; letter-spacing: 3px; color: #8a5a00; }
  p { margin: 8px 0; font-size: 15px; }
  .line { height: 9px; margin: 14px 0; background: #e8e2d0; border-radius: 4px; }
  .stamp { position: absolute; right: 26px; bottom: 34px; width: 90px; height: 90px; border: 4px solid #d0342c;
    border-radius: 50%; color: #d0342c; display: flex; align-items: center; justify-content: center;
    font-size: 16px; font-weight: 700; transform: rotate(-14deg); }
</style><div class="sheet"><h1>${heading}</h1><p>样品名称：${product.title}</p>
  <p>产地：${product.origin ?? '—'}</p><p>${verdict}</p>
  <div class="line"></div><div class="line"></div><div class="line" style="width:70%"></div>
  <div class="stamp">检验专用章</div></div>`;
}

async function main() {
  const products = seedProducts();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE } });
  const written = [];
  for (const product of products) {
    for (const src of product.images) {
      if (!src.startsWith('/images/')) continue; // cloud:// fileIDs are uploaded pictures, not ours
      await page.setContent(tileHtml(product));
      await page.evaluate('document.fonts.ready'); // the emoji and CJK fonts are loaded
      const file = path.join(MP, src);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, await page.screenshot({ type: 'jpeg', quality: QUALITY }));
      written.push(file);
    }
  }
  await page.setViewportSize({ width: CERT_W, height: CERT_H });
  for (const product of products) {
    for (const src of product.certImages ?? []) {
      if (!src.startsWith('/images/')) continue;
      const kind = path.basename(src, '.jpg').split('-').pop();
      await page.setContent(certHtml(product, kind));
      await page.evaluate('document.fonts.ready');
      const file = path.join(MP, src);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, await page.screenshot({ type: 'jpeg', quality: CERT_QUALITY }));
      written.push(file);
    }
  }
  await browser.close();
  const bytes = written.reduce((n, f) => n + fs.statSync(f).size, 0);
  console.log(`product and certificate images: ${written.length} files, ${(bytes / 1024).toFixed(1)} KB in total`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
