/**
 * Probing and starting TensorFlow.js backends inside the engine worker.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import {
  getThreadsCount,
  setThreadsCount,
  setWasmPaths,
} from '@tensorflow/tfjs-backend-wasm';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { EventLensError } from '../src/core/errors';
import { installWasmKernels } from '../src/model';
import { createLogger } from '../src/core/log';
import {
  planBackends,
  type BackendProbe,
  type DeviceProbe,
} from './backendPlan';
import type { BackendName, BackendRefusal, BackendReport } from './protocol';
import { wasmThreadCount, withReportedConcurrency } from './wasmThreads';

const log = createLogger('engine');

// The WASM binaries are bundled by Vite and served beside the page, never
// fetched from elsewhere.
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlainUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
});

/** Seconds a backend may take to start before it counts as failed. */
const INIT_TIMEOUT_S: Record<BackendName, number> = {
  webgpu: 30,
  webgl: 30,
  wasm: 30,
  cpu: 10,
};

interface GpuAdapterLike {
  info?: {
    vendor?: string;
    architecture?: string;
    description?: string;
    isFallbackAdapter?: boolean;
  };
  isFallbackAdapter?: boolean;
}

async function probeWebGpu(): Promise<DeviceProbe> {
  const gpu = (
    navigator as { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } }
  ).gpu;
  if (!gpu)
    return {
      available: false,
      reason: 'this browser has no WebGPU (navigator.gpu is missing)',
    };
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) {
      return {
        available: false,
        reason: 'no WebGPU adapter (the browser found no usable GPU)',
      };
    }
    const info = adapter.info ?? {};
    const fallback =
      info.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false;
    const parts = [info.vendor, info.architecture, info.description].filter(
      Boolean,
    );
    const device =
      (fallback ? 'software fallback adapter ' : '') + parts.join(' ');
    return { available: true, device: device.trim() || 'unknown adapter' };
  } catch (error) {
    return {
      available: false,
      reason: `requestAdapter failed: ${String(error)}`,
    };
  }
}

function probeWebGl(): DeviceProbe {
  if (typeof OffscreenCanvas === 'undefined') {
    return {
      available: false,
      reason: 'OffscreenCanvas is missing in this worker',
    };
  }
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  if (!gl) return { available: false, reason: 'no WebGL2 context' };
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(
    gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER),
  );
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { available: true, device: renderer };
}

/** Finds out which backends this browser offers and on what device. */
export async function probeBackends(): Promise<BackendProbe> {
  return {
    webgpu: await probeWebGpu(),
    webgl: probeWebGl(),
    wasm:
      typeof WebAssembly === 'object'
        ? { available: true }
        : { available: false, reason: 'WebAssembly is missing' },
  };
}

function withTimeout<T>(
  work: Promise<T>,
  seconds: number,
  what: string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${what} timed out after ${seconds} s`)),
      seconds * 1000,
    );
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * Starts the WASM backend with `requested` XNNPACK threads, or one per
 * logical core. tfjs keeps the first WASM backend it starts, so a later
 * request changes nothing.
 */
function setWasmBackend(requested?: number): Promise<boolean> {
  const threads = wasmThreadCount(requested ?? navigator.hardwareConcurrency);
  setThreadsCount(threads);
  return withReportedConcurrency(navigator, 2 * threads, () =>
    tf.setBackend('wasm'),
  );
}

/**
 * Starts one backend and checks that it computes: tfjs may report success
 * and still fall back silently (WebGPU without an adapter ends up on
 * WebGL), so the active backend is read back.
 */
async function startBackend(
  backend: BackendName,
  wasmThreads?: number,
): Promise<void> {
  const started = await withTimeout(
    backend === 'wasm' ? setWasmBackend(wasmThreads) : tf.setBackend(backend),
    INIT_TIMEOUT_S[backend],
    `starting ${backend}`,
  );
  if (!started || tf.getBackend() !== backend) {
    throw new Error(
      `TensorFlow.js could not start it (active backend: ${tf.getBackend()})`,
    );
  }
  if (backend === 'wasm') installWasmKernels();
  const product = tf.tidy(() =>
    tf.matMul(
      tf.tensor2d([
        [1, 2],
        [3, 4],
      ]),
      tf.tensor2d([[1], [1]]),
    ),
  );
  const values = await withTimeout(
    product.data(),
    INIT_TIMEOUT_S[backend],
    `the ${backend} self-test`,
  );
  product.dispose();
  if (values[0] !== 3 || values[1] !== 7) {
    throw new Error(`self-test gave [${Array.from(values)}], expected [3, 7]`);
  }
}

/** Picks, starts and reports a backend, trying the next one on failure. */
export async function initBackend(
  override?: BackendName,
  wasmThreads?: number,
): Promise<BackendReport> {
  const began = performance.now();
  const probe = await probeBackends();
  const plan = planBackends(probe, override);
  const refused: BackendRefusal[] = [...plan.refused];
  for (const backend of plan.order) {
    try {
      await startBackend(backend, wasmThreads);
      const device =
        backend === 'webgpu' || backend === 'webgl'
          ? probe[backend].device
          : undefined;
      const report: BackendReport = {
        backend,
        forced: backend === override,
        refused: refused.filter(
          (r) => BACKEND_RANK[r.backend] < BACKEND_RANK[backend],
        ),
        device,
        wasmThreads: backend === 'wasm' ? getThreadsCount() : undefined,
        crossOriginIsolated: globalThis.crossOriginIsolated === true,
        initMs: Math.round(performance.now() - began),
      };
      log.info(`running on ${backend}`, report);
      return report;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      log.warn(`${backend} failed to start: ${reason}`);
      refused.push({ backend, reason: `failed to start: ${reason}` });
    }
  }
  throw new EventLensError(
    'engine/backend-failed',
    "Couldn't start any compute backend. Reload the page; if it persists, try another browser.",
    { refused },
  );
}

const BACKEND_RANK: Record<BackendName, number> = {
  webgpu: 0,
  webgl: 1,
  wasm: 2,
  cpu: 3,
};
