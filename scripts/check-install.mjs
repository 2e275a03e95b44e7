// Checks that the packages EventLens needs work although npm ran no
// install scripts (see .npmrc): the bundler's native binding, the
// TypeScript runner's esbuild binary, and jsroot without `canvas`.
const checks = [
  ['rolldown (Vite bundler)', async () => (await import('rolldown')).VERSION],
  [
    'esbuild (tsx)',
    async () =>
      (await import('esbuild')).transform('let a: number = 1', {
        loader: 'ts',
      }),
  ],
  ['jsroot io', async () => (await import('jsroot/io')).openFile],
  [
    'TensorFlow.js WASM backend',
    async () => import('@tensorflow/tfjs-backend-wasm'),
  ],
];

let failed = 0;
for (const [name, check] of checks) {
  try {
    await check();
  } catch (error) {
    failed++;
    console.error(`install check failed: ${name}: ${error?.message ?? error}`);
  }
}
if (failed > 0) {
  console.error(
    'Run `npm ci` again; if it persists, report the failing package.',
  );
  process.exit(1);
}
console.log(
  `install check: ${checks.length} packages work without install scripts`,
);
