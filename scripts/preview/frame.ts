/**
 * The phone around a rendered page: iPhone X-sized (375x812) status bar, WeChat
 * navigation bar with the capsule, the page's scroll area, the tab bar for tab
 * pages, the home indicator. Plus what WeChat's own stylesheet gives the built-in
 * components (<view> is a block, <image> defaults to 320x240, ...), which
 * miniprogram-simulate renders as bare <wx-*> tags.
 */
export interface FrameInfo {
  title: string;
  page: string;
  openid: string;
  query: Record<string, string>;
  css: string;
  body: string;
  navigationBarBackgroundColor: string;
  navigationBarTextStyle: string;
  navigationStyle: string;
  backgroundColor: string;
  tabBar?: {
    color: string;
    selectedColor: string;
    backgroundColor: string;
    list: Array<{ text: string; selected: boolean; icon?: string; badge?: string }>;
  };
  /** app.json tabBar.custom: the rendered custom-tab-bar component, shown where the native bar would be. */
  customTabBar?: string;
}

const escape = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** WeChat's defaults for built-in components (from the base library's stylesheet, simplified). */
const BUILTIN_CSS = `
wx-view, wx-scroll-view, wx-swiper, wx-movable-area, wx-cover-view, wx-form, wx-picker-view,
wx-navigator, wx-rich-text, wx-page-container, wx-root-portal { display: block; }
wx-text, wx-label { display: inline; }
wx-text { white-space: pre-wrap; }
wx-scroll-view { overflow: auto; width: 100%; }
wx-scroll-view::-webkit-scrollbar { display: none; }
wx-swiper { position: relative; height: 150px; overflow: hidden; }
wx-swiper-item { display: block; position: absolute; inset: 0; }
wx-swiper-item ~ wx-swiper-item { display: none; }
wx-image { display: inline-block; overflow: hidden; width: 320px; height: 240px; }
wx-image.mp-image-missing {
  background: #f2f3f5 url("data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' width='32' height='32' viewBox='0 0 24 24' fill='none' stroke='%23c8c9cc' stroke-width='1.5'><rect x='3' y='4' width='18' height='16' rx='2'/><circle cx='9' cy='10' r='2'/><path d='M21 17l-5-5-9 8'/></svg>") center / 32px no-repeat;
}
.mp-image-loaded ~ [class*="van-image__loading"] { display: none; }
wx-icon { display: inline-block; }
wx-progress { display: flex; align-items: center; }
wx-button {
  display: block; position: relative; box-sizing: border-box; margin: 0 auto; padding: 0 14px;
  font-size: 18px; text-align: center; line-height: 2.55555556; border-radius: 5px; overflow: hidden;
  color: #000; background-color: #f8f8f8; cursor: pointer;
}
wx-button[size="mini"] { display: inline-block; line-height: 2.3; font-size: 13px; padding: 0 1.34em; }
wx-button[type="primary"] { color: #fff; background-color: #07c160; }
wx-input { display: block; height: 1.4rem; min-height: 1.4rem; overflow: hidden; text-overflow: clip; white-space: nowrap; }
wx-textarea { display: block; width: 300px; height: 150px; overflow: hidden; white-space: pre-wrap; }
.mp-input-placeholder { color: #999; }
wx-checkbox, wx-radio, wx-switch, wx-slider { display: inline-block; }
wx-picker { display: block; }
wx-checkbox-group, wx-radio-group { display: block; }
wx-video, wx-map, wx-canvas, wx-camera { display: inline-block; width: 300px; height: 225px; background: #000; }
[hidden] { display: none !important; }
`;

/**
 * Vant's icon font: WeChat loads it from Vant's CDN (at.alicdn.com); the preview is offline, so
 * the same font file is served next to the page (ICON_FONT_FILE, written by main.ts from the
 * pinned @vant/icons) and the CDN @font-face is replaced by one that points there.
 */
export const ICON_FONT_FILE = 'fonts/vant-icon.woff2';
const ICON_FONT_CSS = `@font-face { font-family: vant-icon; font-style: normal; font-weight: 400; font-display: block;
  src: url("${ICON_FONT_FILE}") format("woff2"); }`;
const CDN_ICON_FONT = /@font-face\s*\{[^}]*at\.alicdn\.com\/t\/c\/font_2553510_[^}]*\}/g;

const FRAME_CSS = `
* { -webkit-tap-highlight-color: transparent; }
html, body { margin: 0; padding: 0; width: 375px; height: var(--mp-height, 812px); overflow: hidden; }
body {
  font-family: -apple-system, "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", "Helvetica Neue", Helvetica, Arial, sans-serif;
  font-size: 16px; line-height: normal; color: #000; -webkit-font-smoothing: antialiased;
}
/* --mp-height: the whole page, for long pages (main.ts sets it to the page's full height before the shot). */
.mp-phone { position: relative; width: 375px; height: var(--mp-height, 812px); overflow: hidden; }
.mp-status { position: absolute; top: 0; left: 0; right: 0; height: 44px; display: flex; align-items: center;
  justify-content: space-between; padding: 0 22px 0 30px; box-sizing: border-box; font: 600 15px/1 -apple-system, "Noto Sans CJK SC", sans-serif; z-index: 10; }
.mp-status__right { display: flex; gap: 6px; align-items: center; }
.mp-status__battery { width: 24px; height: 11px; border: 1px solid currentColor; border-radius: 3px; opacity: .9; position: relative; box-sizing: border-box; }
.mp-status__battery::after { content: ""; position: absolute; inset: 1px 4px 1px 1px; background: currentColor; border-radius: 1px; }
.mp-nav { position: absolute; top: 44px; left: 0; right: 0; height: 44px; display: flex; align-items: center;
  justify-content: center; z-index: 10; }
.mp-nav__title { font-size: 17px; font-weight: 600; max-width: 200px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
.mp-nav__back { position: absolute; left: 8px; top: 0; height: 44px; width: 32px; display: flex; align-items: center; justify-content: center; }
.mp-nav__back::before { content: ""; width: 11px; height: 11px; border-left: 2px solid currentColor; border-bottom: 2px solid currentColor; transform: rotate(45deg); margin-left: 6px; }
.mp-capsule { position: absolute; right: 7px; top: 6px; width: 87px; height: 32px; box-sizing: border-box;
  border-radius: 16px; border: .5px solid rgba(0,0,0,.12); background: rgba(255,255,255,.6); display: flex; align-items: center; }
.mp-capsule--white { border-color: rgba(255,255,255,.25); background: rgba(0,0,0,.15); }
.mp-capsule__dots { flex: 1; display: flex; justify-content: center; gap: 3px; }
.mp-capsule__dots i { width: 5px; height: 5px; border-radius: 50%; background: currentColor; }
.mp-capsule__dots i:nth-child(2) { width: 7px; height: 7px; }
.mp-capsule__sep { width: .5px; height: 18px; background: currentColor; opacity: .2; }
.mp-capsule__close { flex: 1; display: flex; justify-content: center; }
.mp-capsule__close i { width: 14px; height: 14px; border-radius: 50%; border: 2px solid currentColor; box-sizing: border-box; position: relative; }
.mp-capsule__close i::after { content: ""; position: absolute; inset: 2px; border-radius: 50%; background: currentColor; }
/* The page's own window; transform makes it the containing block of position:fixed, as the webview is on a phone. */
.mp-viewport { position: absolute; left: 0; right: 0; top: 88px; bottom: 34px; overflow: hidden; transform: translateZ(0); }
.mp-viewport--custom-nav { top: 0; }
.mp-viewport--tab { bottom: 84px; }
.mp-page { height: 100%; overflow-y: auto; overflow-x: hidden; box-sizing: border-box; }
.mp-page::-webkit-scrollbar { display: none; }
.mp-tabbar { position: absolute; left: 0; right: 0; bottom: 34px; height: 50px; display: flex; border-top: .5px solid rgba(0,0,0,.1); z-index: 10; }
.mp-tab { flex: 1; display: flex; flex-direction: column; align-items: center; justify-content: center; font-size: 12px; position: relative; gap: 2px; }
.mp-tab__icon { width: 24px; height: 24px; background: center / contain no-repeat; }
.mp-tab__badge { position: absolute; top: 3px; left: calc(50% + 8px); min-width: 16px; height: 16px; box-sizing: border-box; padding: 0 4px;
  border-radius: 8px; background: #fa5151; color: #fff; font-size: 11px; line-height: 16px; text-align: center; }
.mp-tab__badge--dot { min-width: 8px; width: 8px; height: 8px; padding: 0; }
/* The custom tab bar's own layer: its position:fixed bottom bar lands in these 50px. */
.mp-custom-tabbar { position: absolute; left: 0; right: 0; bottom: 34px; height: 50px; transform: translateZ(0); z-index: 10; }
.mp-home { position: absolute; left: 0; right: 0; bottom: 0; height: 34px; z-index: 10; }
.mp-home::after { content: ""; position: absolute; left: 50%; bottom: 8px; width: 134px; height: 5px; margin-left: -67px; border-radius: 3px; background: #000; }
`;

/**
 * What Vant measures with SelectorQuery on a device and jsdom cannot (it has no layout), done
 * here in the browser: the van-tabs underline goes under the active tab.
 */
const LAYOUT_FIXUPS = `
for (const line of document.querySelectorAll('[class~="van-tabs--van-tabs__line"]')) {
  const active = line.parentElement && line.parentElement.querySelector('[class~="van-tabs--van-tab--active"]');
  if (!active) continue;
  const left = active.offsetLeft + (active.offsetWidth - line.offsetWidth) / 2;
  line.style.transform = 'translateX(' + left + 'px)';
  line.style.transitionDuration = '0s';
}
`;

export function frameHtml(info: FrameInfo): string {
  const white = info.navigationBarTextStyle === 'white';
  const fg = white ? '#fff' : '#000';
  const custom = info.navigationStyle === 'custom';
  const tabBar = info.tabBar;
  const hasTabs = Boolean(tabBar || info.customTabBar);
  const chrome = custom ? 'transparent' : info.navigationBarBackgroundColor;
  const tabs = tabBar
    ? `<div class="mp-tabbar" style="background:${tabBar.backgroundColor}">${tabBar.list
        .map((t) => {
          const badge =
            t.badge === undefined
              ? ''
              : `<span class="mp-tab__badge${t.badge ? '' : ' mp-tab__badge--dot'}">${escape(t.badge)}</span>`;
          const icon = t.icon ? `<span class="mp-tab__icon" style="background-image:url('${t.icon}')"></span>` : '';
          const color = t.selected ? tabBar.selectedColor : tabBar.color;
          return `<div class="mp-tab" style="color:${color}">${icon}<span>${escape(t.text)}</span>${badge}</div>`;
        })
        .join('')}</div>`
    : info.customTabBar
      ? `<div class="mp-custom-tabbar">${info.customTabBar}</div>`
      : '';
  const meta = `${info.page}${Object.keys(info.query).length ? `?${new URLSearchParams(info.query)}` : ''} as ${info.openid}`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=375">
<title>${escape(info.title || info.page)} · ${escape(meta)}</title>
<style>${FRAME_CSS}</style>
<style>${BUILTIN_CSS}</style>
<style>${ICON_FONT_CSS}</style>
<style>
${info.css.replace(CDN_ICON_FONT, '').replace(/<\/style/gi, '<\\/style')}
</style>
</head>
<body data-page="${escape(info.page)}" data-openid="${escape(info.openid)}">
<div class="mp-phone" style="background:${info.backgroundColor}">
  <div class="mp-status" style="color:${fg};background:${chrome}"><span>9:41</span><span class="mp-status__right"><span>5G</span><span class="mp-status__battery"></span></span></div>
  <div class="mp-nav" style="color:${fg};background:${chrome}">
    ${custom || hasTabs ? '' : '<span class="mp-nav__back"></span>'}
    <span class="mp-nav__title">${custom ? '' : escape(info.title)}</span>
    <span class="mp-capsule${white ? ' mp-capsule--white' : ''}" style="color:${fg}"><span class="mp-capsule__dots"><i></i><i></i><i></i></span><span class="mp-capsule__sep"></span><span class="mp-capsule__close"><i></i></span></span>
  </div>
  <div class="mp-viewport${custom ? ' mp-viewport--custom-nav' : ''}${hasTabs ? ' mp-viewport--tab' : ''}">
    <div class="mp-page">${info.body}</div>
  </div>
  ${tabs}
  <div class="mp-home" style="background:${tabBar ? tabBar.backgroundColor : hasTabs ? '#ffffff' : info.backgroundColor}"></div>
</div>
<script>${LAYOUT_FIXUPS}</script>
</body>
</html>
`;
}
