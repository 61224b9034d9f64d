import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const ui = fileURLToPath(new URL('.', import.meta.url));
const assets = fileURLToPath(new URL('../assets', import.meta.url));
const bindings = fileURLToPath(new URL('./bindings', import.meta.url));

// `--mode mockipc` builds a copy of the UI wired to an in-page fake backend (Tauri's
// mockIPC) for the Playwright suite; production builds never include it.
export default defineConfig(({ mode }) => ({
  root: ui,
  base: './',
  plugins: [svelte()],
  resolve: { alias: { $assets: assets, $bindings: bindings } },
  clearScreen: false,
  server: { port: 5173, strictPort: true, fs: { allow: [ui, assets] } },
  build: {
    outDir: mode === 'mockipc' ? 'dist-mock' : 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
}));
