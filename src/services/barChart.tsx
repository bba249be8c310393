import type { ComponentType } from 'react';

/**
 * A bar chart for the staff console's dashboards, drawn by Apache ECharts in the browser
 * (barChart.h5.tsx, SVG, with ECharts' own spoken description). WeChat gets none (null): on a
 * phone the same figures are in the tables and the written bars beside them. Taro picks the file
 * by platform; this one is for platforms we do not build.
 */
export interface BarChartProps {
  id: string;
  /** Said aloud first, and the chart's heading for a screen reader. */
  title: string;
  /** One bar (or stack of bars) per category, e.g. a street or a month. */
  categories: string[];
  series: Array<{ name: string; values: number[] }>;
  /** Bars of one category stacked into one (parts of a whole), or side by side. */
  stacked?: boolean;
  /** After each number when read: 人, 人次. */
  unit: string;
}

export const BarChart: ComponentType<BarChartProps> | null = null;
