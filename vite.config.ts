import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Cross-origin isolation (COOP + COEP) enables SharedArrayBuffer, which the
// threaded WASM backend of TensorFlow.js needs. Both servers send them.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react()],
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders, port: 4173, strictPort: true },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // The minified build broke TensorFlow.js's threaded WASM workers
    // (ReferenceError inside the thread worker, setBackend never returned);
    // unminified output works, so the bundle stays readable.
    minify: false,
    chunkSizeWarningLimit: 8000,
  },
  test: {
    include: [
      'src/**/*.test.ts',
      'workers/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 60_000,
  },
});
