import { BarChart as Bars } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { type ComponentType, useEffect, useRef } from 'react';
import type { BarChartProps } from './barChart';

echarts.use([Bars, GridComponent, LegendComponent, TooltipComponent, AriaComponent, SVGRenderer]);

// The design's colours (src/styles/_tokens.scss), then calm ones that stay apart for colour-blind eyes.
const COLOURS = ['#0b5cad', '#a4241b', '#0f5132', '#5c4400', '#6f42c1', '#4a4a4a', '#d35400'];

/** ECharts in SVG (what the browser tests can read), sized to its box, redrawn when the box changes. */
const Chart: ComponentType<BarChartProps> = ({ id, title, categories, series, stacked, unit }) => {
  const box = useRef<HTMLDivElement>(null);
  // Drawn again only when the figures change (the arrays are new on every render).
  const figures = JSON.stringify({ title, categories, series, stacked, unit });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `figures` stands for all the props
  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const chart = echarts.init(el, undefined, { renderer: 'svg' });
    const size = Number.parseFloat(getComputedStyle(el).fontSize) || 16;
    // The legend wraps on a narrow screen: the plot starts below however many lines it takes.
    const legendWidth = series.reduce((w, s) => w + s.name.length * size + 40, 0);
    const legendLines = series.length > 1 ? Math.ceil(legendWidth / Math.max(1, el.clientWidth - 16)) : 0;
    // Too many bars for the width to write each one's name under it (a phone): bars lie down, a line each.
    const horizontal = categories.length * size * 3.2 > el.clientWidth;
    const top = legendLines ? legendLines * size * 1.6 + size : size * 1.5;
    el.style.height = horizontal ? `${top + categories.length * size * 2.4 + size * 2}px` : `${Math.max(18 * size, top + 14 * size)}px`;
    chart.resize();
    const categoryAxis = {
      type: 'category',
      data: categories,
      inverse: horizontal, // the first category on top
      axisLabel: { fontSize: size, interval: 0, color: '#1f1f1f' },
    };
    const valueAxis = { type: 'value', minInterval: 1, axisLabel: { fontSize: size, color: '#4a4a4a' } };
    chart.setOption({
      animation: false, // no timed changes on screen
      color: COLOURS,
      textStyle: { fontSize: size, color: '#1f1f1f' },
      aria: { enabled: true, label: { description: `${title}。${spoken(categories, series, unit)}` } },
      tooltip: { trigger: 'axis', textStyle: { fontSize: size } },
      legend: series.length > 1 ? { top: 0, textStyle: { fontSize: size } } : undefined,
      grid: { left: 8, right: horizontal ? size * 3 : 16, top, bottom: 8, containLabel: true },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? categoryAxis : valueAxis,
      series: series.map((s) => ({
        type: 'bar',
        name: s.name,
        data: s.values,
        stack: stacked ? 'all' : undefined,
        label: stacked ? undefined : { show: true, position: horizontal ? 'right' : 'top', fontSize: size },
      })),
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [figures]);
  // The height is set again from the figures when drawn.
  return <div id={id} ref={box} className="bar-chart" style={{ width: '100%', height: '26em' }} />;
};

/** The figures as sentences, for the chart's aria description. */
function spoken(categories: string[], series: BarChartProps['series'], unit: string): string {
  return categories
    .map((c, i) => `${c}：${series.map((s) => `${series.length > 1 ? s.name : ''}${s.values[i] ?? 0}${unit}`).join('，')}`)
    .join('；');
}

export const BarChart: ComponentType<BarChartProps> | null = Chart;
