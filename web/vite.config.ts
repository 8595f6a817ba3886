import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The dashboard is built into dist/web, which `tollgate serve` serves at `/`.
// In development (`npx vite --config web/vite.config.ts`) the API is proxied to a local server.
const webRoot = new URL('.', import.meta.url).pathname;

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: `${webRoot}../dist/web`,
    emptyOutDir: true,
    // ECharts alone is ~600 kB minified (200 kB gzipped); it is one cached chunk on purpose.
    chunkSizeWarningLimit: 700,
    // Charts are the heavy part; a separate chunk is cached apart from the app code.
    rollupOptions: {
      output: {
        manualChunks: (id: string) =>
          id.includes('node_modules/echarts') || id.includes('node_modules/zrender') ? 'charts' : undefined,
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:4100' },
  },
});
