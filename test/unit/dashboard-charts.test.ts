import * as echarts from 'echarts';
import { topItemsOption, trendOption } from '../../console/src/lib/dashboard-charts';

/** Renders an option as the console would (server-side SVG) and answers the text drawn, top to bottom. */
function drawnTexts(option: echarts.EChartsCoreOption): Array<{ text: string; x: number; y: number }> {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 600, height: 300 });
  chart.setOption(option);
  const svg = chart.renderToSVGString();
  chart.dispose();
  const out: Array<{ text: string; x: number; y: number }> = [];
  for (const m of svg.matchAll(/<text[^>]*transform="translate\(([-\d.]+) ([-\d.]+)\)"[^>]*>([^<]*)<\/text>/g))
    out.push({ x: Number(m[1]), y: Number(m[2]), text: m[3] });
  return out;
}

test('the daily trend counts orders in whole units: no 0.5 单 tick with one order a day', () => {
  const daily = ['2026-12-01', '2026-12-02', '2026-12-03'].map((date, k) => ({
    date,
    gmvFen: 1990 * k,
    orders: k % 2,
    refundedFen: 0,
  }));
  const texts = drawnTexts(trendOption(daily)).map((t) => t.text);
  expect(texts).toContain('1');
  expect(texts).not.toContain('0.5');
  expect(texts).not.toContain('0.2');
});

test('Top 10 reads best seller first, top-down, with units in whole 件', () => {
  const skus = [
    { productId: 'a', title: '小青菜', qty: 3, amountFen: 870 },
    { productId: 'b', title: '大米', qty: 2, amountFen: 7980 },
    { productId: 'c', title: '抽纸', qty: 1, amountFen: 2690 },
  ];
  const titles = drawnTexts(topItemsOption(skus))
    .filter((t) => skus.some((s) => s.title === t.text))
    .sort((a, b) => a.y - b.y)
    .map((t) => t.text);
  expect(titles).toEqual(['大米', '抽纸', '小青菜']);
  const labels = drawnTexts(topItemsOption(skus)).map((t) => t.text);
  expect(labels).toEqual(expect.arrayContaining(['2 件', '1 件', '3 件']));
});
