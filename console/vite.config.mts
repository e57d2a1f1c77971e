import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// Relative base: the built console works from any folder of a static host
// (scripts/start.js locally, CloudBase static hosting in production).
export default defineConfig({
  base: './',
  plugins: [vue()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
});
