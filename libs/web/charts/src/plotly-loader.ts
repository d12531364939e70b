// The reference carries the ambient module declarations into every project that imports the charts.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./plotly-cartesian.d.ts" />
import type { PlotlyLike } from 'plotly.js-cartesian-dist-min';

export type { PlotlyLike };

/**
 * Which partial bundle a chart needs. "basic" (scatter, bar, pie; 1.0 MB) draws the time
 * series and session timelines and evaluates in well under half the time of "cartesian"
 * (1.3 MB, adds heatmap and friends), which only the heatmap page loads.
 */
export type PlotlyBundle = 'basic' | 'cartesian';

const pending: Partial<Record<PlotlyBundle, Promise<PlotlyLike>>> = {};

// One function per bundle: written as one expression (a ternary), the build merged both imports
// into a single preload that fetched the 1.3 MB cartesian chunk along with the basic one.
const IMPORTS: Record<PlotlyBundle, () => Promise<unknown>> = {
  basic: () => import('plotly.js-basic-dist-min'),
  cartesian: () => import('plotly.js-cartesian-dist-min'),
};

/**
 * Loads a partial bundle on first use so Plotly never weighs on the initial page. This module
 * is the only place that touches Plotly, so tests replace it.
 */
export function loadPlotly(bundle: PlotlyBundle = 'basic'): Promise<PlotlyLike> {
  pending[bundle] ??= IMPORTS[bundle]()
    .then((mod) => {
      // The bundle is UMD: depending on the bundler the namespace or its default is Plotly.
      const maybeDefault = (mod as { default?: PlotlyLike }).default;
      return maybeDefault ?? (mod as PlotlyLike);
    })
    .catch((error: unknown) => {
      delete pending[bundle];
      throw error;
    });
  return pending[bundle];
}

/**
 * Starts fetching the bundle of the time-series charts without waiting for a chart: called
 * at boot, so the download and parse overlap the first queries instead of following them.
 */
export function preloadPlotly(): void {
  loadPlotly('basic').catch(() => undefined); // a failure is retried and reported by the chart that needs it
}
