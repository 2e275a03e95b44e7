/**
 * Thread count of the threaded WASM backend.
 *
 * tfjs-backend-wasm 4.22 hands XNNPACK at most half of
 * `navigator.hardwareConcurrency` threads, because it assumes that every
 * core shows up twice (hyperthreading). A 2-core machine therefore ran on
 * one thread. While the backend starts, the worker reports twice its
 * logical core count and requests one thread per logical core, then
 * restores the real count.
 */

/** Maximum thread count, because the tfjs threaded build starts 8 workers. */
const MAX_WASM_THREADS = 8;

/** Returns the XNNPACK thread count for `logicalCores` logical cores. */
export function wasmThreadCount(logicalCores: number | undefined): number {
  if (!Number.isFinite(logicalCores) || !logicalCores || logicalCores < 1) {
    return 1;
  }
  return Math.min(Math.floor(logicalCores), MAX_WASM_THREADS);
}

interface ConcurrencyHolder {
  hardwareConcurrency?: number;
}

/**
 * Runs `work` while `holder.hardwareConcurrency` reads `reported`, then
 * removes the override so the holder reads its own value again, also when
 * `work` throws.
 */
export async function withReportedConcurrency<T>(
  holder: ConcurrencyHolder,
  reported: number,
  work: () => Promise<T>,
): Promise<T> {
  const own = Object.getOwnPropertyDescriptor(holder, 'hardwareConcurrency');
  Object.defineProperty(holder, 'hardwareConcurrency', {
    value: reported,
    configurable: true,
  });
  try {
    return await work();
  } finally {
    if (own) Object.defineProperty(holder, 'hardwareConcurrency', own);
    else delete holder.hardwareConcurrency;
  }
}
