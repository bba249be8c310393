import type { ComponentType } from 'react';
import type { BarChartProps } from './barChart';

/** No chart on a phone: the tables and written bars carry the same figures (see barChart.ts). */
export const BarChart: ComponentType<BarChartProps> | null = null;
