import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app lives in src/web and is built into dist/web, which the Fastify server serves:
// dist/web/index.html for every page (with a per-request CSP nonce) and dist/web/assets/*.
export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack|use-sync-external-store)[\\/]/, priority: 3 },
            { name: 'mantine', test: /node_modules[\\/](@mantine|@floating-ui|react-remove-scroll|react-remove-scroll-bar|react-style-singleton|use-callback-ref|use-sidecar|clsx|tslib|react-number-format|react-textarea-autosize|type-fest)[\\/]/, priority: 2 },
            // The proposal editor's libraries load only with the editor (a lazy route).
            { name: 'editor', test: /node_modules[\\/](@tiptap|prosemirror-[a-z-]+|linkifyjs|orderedmap|rope-sequence|w3c-keyname|fast-equals)[\\/]/, priority: 1.5 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    // The API sets cookies for the host the browser asked for, and checks Origin against Host:
    // keep the browser's Host header (changeOrigin false).
    // Only the API's paths: Vite serves the app's own modules under /api/ too (src/web/api/*.ts).
    proxy: {
      '/api': {
        target: 'http://127.0.0.1:3000',
        changeOrigin: false,
        bypass: (req) => (/\.(ts|tsx|js|map)(\?|$)/.test(req.url ?? '') ? req.url : undefined),
      },
      // Live drafts (Hocuspocus) on the API's port; the browser's session cookie and Origin pass through.
      '/collab': { target: 'ws://127.0.0.1:3000', ws: true, changeOrigin: false },
    },
  },
});
