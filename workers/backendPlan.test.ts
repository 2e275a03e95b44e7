import { describe, expect, it } from 'vitest';
import {
  isSoftwareDevice,
  planBackends,
  type BackendProbe,
} from './backendPlan';

const hardware: BackendProbe = {
  webgpu: { available: true, device: 'nvidia ampere' },
  webgl: { available: true, device: 'ANGLE (NVIDIA, GeForce RTX 3060)' },
  wasm: { available: true },
};

const headless: BackendProbe = {
  webgpu: { available: true, device: 'google swiftshader' },
  webgl: {
    available: true,
    device: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)))',
  },
  wasm: { available: true },
};

describe('planBackends', () => {
  it('prefers a hardware GPU', () => {
    expect(planBackends(hardware).order).toEqual([
      'webgpu',
      'webgl',
      'wasm',
      'cpu',
    ]);
    expect(planBackends(hardware).refused).toEqual([]);
  });

  it('refuses software adapters and names them', () => {
    const plan = planBackends(headless);
    expect(plan.order).toEqual(['wasm', 'cpu']);
    expect(plan.refused.map((r) => r.backend)).toEqual(['webgpu', 'webgl']);
    expect(plan.refused[0]?.reason).toContain('swiftshader');
    expect(plan.refused[0]?.reason).toContain('?backend=webgpu');
  });

  it('puts a forced software backend first', () => {
    const plan = planBackends(headless, 'webgpu');
    expect(plan.order).toEqual(['webgpu', 'wasm', 'cpu']);
    expect(plan.refused.map((r) => r.backend)).toEqual(['webgl']);
  });

  it('keeps the reason a GPU is missing', () => {
    const plan = planBackends({
      webgpu: { available: false, reason: 'navigator.gpu is missing' },
      webgl: { available: false, reason: 'no WebGL2 context' },
      wasm: { available: true },
    });
    expect(plan.order).toEqual(['wasm', 'cpu']);
    expect(plan.refused[0]?.reason).toBe('navigator.gpu is missing');
  });

  it('falls back to cpu without WebAssembly', () => {
    const plan = planBackends({
      ...headless,
      wasm: { available: false, reason: 'WebAssembly is missing' },
    });
    expect(plan.order).toEqual(['cpu']);
  });
});

describe('isSoftwareDevice', () => {
  it('recognises common software rasterisers', () => {
    expect(isSoftwareDevice('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareDevice('Microsoft Basic Render Driver')).toBe(true);
    expect(isSoftwareDevice('Apple M2')).toBe(false);
    expect(isSoftwareDevice(undefined)).toBe(false);
  });
});
