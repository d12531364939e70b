import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';


export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  server: {
    proxy: { '/graphql': { target: 'http://127.0.0.1:4000', ws: true } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Plotly arrives through a dynamic import and stays in its own chunk; only it exceeds this.
    chunkSizeWarningLimit: 1500,
  },
});
