/**
 * The playground's build: a static site (relative asset paths, so any file server and any sub-path
 * serve it), Monaco's editor worker and the evaluation worker bundled as module workers.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const monaco = fileURLToPath(new URL('./node_modules/monaco-editor/esm/', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  resolve: {
    // monaco-editor's package exports map its ESM files under another prefix; keep the documented
    // `monaco-editor/esm/vs/...` paths working.
    alias: [
      { find: /^monaco-editor\/esm\/(.*)$/, replacement: `${monaco}$1` },
      // The data loader's CSV parser reads Node's Buffer; its browser build carries its own.
      { find: /^csv-parse\/sync$/, replacement: 'csv-parse/browser/esm/sync' },
    ],
  },
  server: { fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
  },
});
