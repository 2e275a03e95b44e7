import { defineConfig } from '@playwright/test';
import type { BackendName } from './workers/protocol';

/** Debian's Chromium; Playwright's own browser download is not used. */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Flags that keep a headless Chromium quiet on a machine without network
// access; --enable-unsafe-webgpu gives a (software) WebGPU adapter.
const baseArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const port = Number(process.env.EVENTLENS_E2E_PORT ?? 4173);

export default defineConfig<{ backend: BackendName }>({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 900 },
  },
  projects: [
    {
      name: 'wasm',
      use: {
        backend: 'wasm',
        launchOptions: { executablePath, args: baseArgs },
      },
    },
    {
      name: 'webgpu',
      use: {
        backend: 'webgpu',
        launchOptions: {
          executablePath,
          args: [...baseArgs, '--enable-unsafe-webgpu'],
        },
      },
    },
  ],
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
