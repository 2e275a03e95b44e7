import type { BackendName, BackendRefusal } from './protocol';
import { BACKEND_ORDER } from './protocol';

/** Probe results for each backend, gathered before starting one. */
export interface BackendProbe {
  webgpu: DeviceProbe;
  webgl: DeviceProbe;
  /** WASM is refused only where WebAssembly itself is missing. */
  wasm: { available: boolean; reason?: string };
}

/** A GPU backend's probe: whether it exists and what runs it. */
export interface DeviceProbe {
  available: boolean;
  /** Adapter or renderer description, for example "SwiftShader". */
  device?: string;
  /** Reason it is not available, when it is not. */
  reason?: string;
}

/** Backends to try in order, and those left out with the reason. */
export interface BackendPlan {
  order: BackendName[];
  refused: BackendRefusal[];
}

const SOFTWARE_DEVICE = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/** Tells whether a GPU description names a software rasteriser. */
export function isSoftwareDevice(description: string | undefined): boolean {
  return description !== undefined && SOFTWARE_DEVICE.test(description);
}

/**
 * Orders the backends to try. A software GPU is no GPU: SwiftShader's
 * WebGPU ran a graph-network forward pass about 200× slower than WASM and
 * its WebGL about 9× slower, so both are refused unless forced. A forced
 * backend goes first; the rest follow as fallbacks.
 */
export function planBackends(
  probe: BackendProbe,
  override?: BackendName,
): BackendPlan {
  const order: BackendName[] = [];
  const refused: BackendRefusal[] = [];
  if (override) order.push(override);
  for (const backend of BACKEND_ORDER) {
    if (backend === override) continue;
    const reason = refusalReason(backend, probe);
    if (reason) refused.push({ backend, reason });
    else order.push(backend);
  }
  return { order, refused };
}

function refusalReason(
  backend: BackendName,
  probe: BackendProbe,
): string | undefined {
  if (backend === 'cpu') return undefined;
  if (backend === 'wasm') {
    return probe.wasm.available ? undefined : probe.wasm.reason;
  }
  const device = probe[backend];
  if (!device.available) return device.reason ?? 'not available';
  if (isSoftwareDevice(device.device)) {
    return (
      `software adapter (${device.device}), much slower than WASM; ` +
      `force it with ?backend=${backend}`
    );
  }
  return undefined;
}
