/**
 * A light column chart drawn with views (no canvas, no chart library): one column per
 * period, its height the share of the axis maximum, the selected one highlighted. Views
 * render the same on the phone, in miniprogram-simulate and in the page previews.
 * Presentational only: it emits `select` with the tapped column's index.
 */
export interface ChartColumn {
  key: string;
  /** Axis label; '' leaves the place under the column empty. */
  label: string;
  /** Height in % of the chart (0..100). */
  height: number;
}

Component({
  properties: {
    columns: { type: Array, value: [] as ChartColumn[] },
    selected: { type: Number, value: -1 },
    /** The axis maximum's label (e.g. ¥200); the middle line is half of it. */
    maxLabel: { type: String, value: '' },
    midLabel: { type: String, value: '' },
  },
  methods: {
    onTap(event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { index: number }>) {
      this.triggerEvent('select', { index: Number(event.currentTarget.dataset.index) });
    },
  },
});
