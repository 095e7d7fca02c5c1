import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API server that `vite` (dev mode) forwards /api requests to. Loopback only by default;
// CASEBOOK_API_URL overrides it, for example when `casebook serve` listens on another port.
const apiTarget = process.env.CASEBOOK_API_URL ?? 'http://127.0.0.1:3000';

/** Builds the single-page app from web/ into web/dist, which `casebook serve` serves at `/`. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // ECharts alone is about 1 MB minified, so it gets its own chunk, loaded by the dashboard only.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  preview: { host: '127.0.0.1', port: 4173 },
});
