// The reference carries the ambient module declaration into every project that imports the charts.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./plotly-cartesian.d.ts" />
import type { PlotlyLike } from 'plotly.js-cartesian-dist-min';

export type { PlotlyLike };

let pending: Promise<PlotlyLike> | undefined;

/**
 * Loads the cartesian partial bundle on first use so Plotly (~1 MB) never weighs on the
 * initial page. This module is the only place that touches Plotly, so tests replace it.
 */
export function loadPlotly(): Promise<PlotlyLike> {
  pending ??= import('plotly.js-cartesian-dist-min')
    .then((mod) => {
      // The bundle is UMD: depending on the bundler the namespace or its default is Plotly.
      const maybeDefault = (mod as { default?: PlotlyLike }).default;
      return maybeDefault ?? (mod as unknown as PlotlyLike);
    })
    .catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
  return pending;
}

/**
 * Starts fetching Plotly without waiting for a chart: called once the page has rendered, so
 * the bundle downloads while the first queries are in flight instead of after their answers.
 */
export function preloadPlotly(): void {
  loadPlotly().catch(() => undefined); // a failure is retried and reported by the chart that needs it
}
