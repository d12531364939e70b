import { act, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';

// @testing-library/dom (peer of @testing-library/react) is not installed, so specs mount with
// react-dom directly inside act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface Mounted {
  container: HTMLDivElement;
  rerender(ui: ReactElement): Promise<void>;
  unmount(): Promise<void>;
}

export async function mount(ui: ReactElement): Promise<Mounted> {
  const container = document.createElement('div');
  document.body.appendChild(container);
  let root: Root | undefined;
  await act(async () => {
    root = createRoot(container);
    root.render(ui);
  });
  return {
    container,
    rerender: async (next) => {
      await act(async () => root!.render(next));
    },
    unmount: async () => {
      await act(async () => root!.unmount());
      container.remove();
    },
  };
}

export async function click(element: Element | null): Promise<void> {
  if (!element) throw new Error('element to click not found');
  await act(async () => {
    element.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  });
}

/** Lets pending promises (the mocked Plotly load and draw) settle inside act(). */
export async function flush(): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}
