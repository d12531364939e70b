// The partial bundle ships no types; this declares only the surface the charts use.
declare module 'plotly.js-cartesian-dist-min' {
  export interface PlotlyLike {
    react(root: HTMLElement, data: unknown[], layout: unknown, config?: unknown): Promise<unknown>;
    purge(root: HTMLElement): void;
    downloadImage(
      root: HTMLElement,
      options: { format: 'png' | 'svg'; filename: string; width?: number; height?: number; scale?: number },
    ): Promise<string>;
  }
  const Plotly: PlotlyLike;
  export default Plotly;
}

// Scatter, bar and pie only; the same API surface as the cartesian bundle.
declare module 'plotly.js-basic-dist-min' {
  import type { PlotlyLike } from 'plotly.js-cartesian-dist-min';
  const Plotly: PlotlyLike;
  export default Plotly;
}
