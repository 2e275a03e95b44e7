/**
 * A small WebAssembly binary writer, enough for the training kernels in
 * `kernels.ts`: functions over i32, f32 and v128 locals that read and
 * write one imported memory. The module is built at run time from
 * TypeScript, so the kernels need no compiler and no build step, and the
 * page, Node and the tests run the same bytes.
 *
 * Encodings follow the WebAssembly 2.0 binary format, including the
 * fixed-width SIMD proposal (opcodes behind the 0xfd prefix).
 */

/** Value types of locals and parameters. */
export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;
export type ValueType = typeof I32 | typeof F32 | typeof V128;

/** Appends the unsigned LEB128 encoding of `value` to `out`. */
function unsignedLeb(out: number[], value: number): void {
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
}

/** Appends the signed LEB128 encoding of a 32-bit integer to `out`. */
function signedLeb(out: number[], value: number): void {
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && !(byte & 0x40)) || (v === -1 && byte & 0x40);
    out.push(done ? byte : byte | 0x80);
    if (done) return;
  }
}

function utf8(out: number[], text: string): void {
  const bytes = new TextEncoder().encode(text);
  unsignedLeb(out, bytes.length);
  out.push(...bytes);
}

/** Alignment exponents of memory accesses (log2 of bytes). */
const ALIGN_F32 = 2;
const ALIGN_V128 = 4;

/**
 * Emits the body of one function. Methods are named after the
 * instructions they write; operands come from the value stack as in the
 * text format. Loops and blocks take a callback for their body.
 */
export class FunctionBuilder {
  readonly code: number[] = [];
  private readonly locals: ValueType[] = [];

  constructor(readonly params: readonly ValueType[]) {}

  /** Declares a local of `type` and returns its index. */
  local(type: ValueType): number {
    this.locals.push(type);
    return this.params.length + this.locals.length - 1;
  }

  /** Appends the local declarations, run-length encoded, to `out`. */
  encodeLocals(out: number[]): void {
    const runs: [number, ValueType][] = [];
    for (const type of this.locals) {
      const last = runs[runs.length - 1];
      if (last && last[1] === type) last[0]++;
      else runs.push([1, type]);
    }
    unsignedLeb(out, runs.length);
    for (const [count, type] of runs) {
      unsignedLeb(out, count);
      out.push(type);
    }
  }

  private op(...bytes: number[]): this {
    this.code.push(...bytes);
    return this;
  }

  private simd(opcode: number): this {
    this.code.push(0xfd);
    unsignedLeb(this.code, opcode);
    return this;
  }

  private memarg(align: number, offset: number): this {
    unsignedLeb(this.code, align);
    unsignedLeb(this.code, offset);
    return this;
  }

  get(index: number): this {
    this.op(0x20);
    unsignedLeb(this.code, index);
    return this;
  }

  set(index: number): this {
    this.op(0x21);
    unsignedLeb(this.code, index);
    return this;
  }

  tee(index: number): this {
    this.op(0x22);
    unsignedLeb(this.code, index);
    return this;
  }

  i32(value: number): this {
    this.op(0x41);
    signedLeb(this.code, value);
    return this;
  }

  f32(value: number): this {
    this.op(0x43);
    const bytes = new Uint8Array(new Float32Array([value]).buffer);
    this.code.push(...bytes);
    return this;
  }

  i32Add(): this {
    return this.op(0x6a);
  }
  i32Sub(): this {
    return this.op(0x6b);
  }
  i32Mul(): this {
    return this.op(0x6c);
  }
  i32Shl(): this {
    return this.op(0x74);
  }
  i32LtU(): this {
    return this.op(0x49);
  }
  i32GeU(): this {
    return this.op(0x4f);
  }
  i32RemU(): this {
    return this.op(0x70);
  }

  f32Load(offset = 0): this {
    return this.op(0x2a).memarg(ALIGN_F32, offset);
  }
  f32Store(offset = 0): this {
    return this.op(0x38).memarg(ALIGN_F32, offset);
  }
  f32Add(): this {
    return this.op(0x92);
  }
  f32Sub(): this {
    return this.op(0x93);
  }
  f32Mul(): this {
    return this.op(0x94);
  }
  f32Div(): this {
    return this.op(0x95);
  }
  f32Sqrt(): this {
    return this.op(0x91);
  }
  f32ConvertI32U(): this {
    return this.op(0xb3);
  }
  f32Gt(): this {
    return this.op(0x5e);
  }
  /** `select`: the first operand when the i32 condition is non-zero, else the second. */
  select(): this {
    return this.op(0x1b);
  }

  v128Load(offset = 0): this {
    return this.simd(0x00).memarg(ALIGN_V128, offset);
  }
  v128Load32Splat(offset = 0): this {
    return this.simd(0x09).memarg(ALIGN_F32, offset);
  }
  v128Store(offset = 0): this {
    return this.simd(0x0b).memarg(ALIGN_V128, offset);
  }
  v128And(): this {
    return this.simd(0x4e);
  }
  f32x4Splat(): this {
    return this.simd(0x13);
  }
  f32x4ExtractLane(lane: number): this {
    this.simd(0x1f);
    this.code.push(lane);
    return this;
  }
  f32x4Gt(): this {
    return this.simd(0x44);
  }
  f32x4Add(): this {
    return this.simd(0xe4);
  }
  f32x4Sub(): this {
    return this.simd(0xe5);
  }
  f32x4Mul(): this {
    return this.simd(0xe6);
  }
  f32x4Div(): this {
    return this.simd(0xe7);
  }
  f32x4Sqrt(): this {
    return this.simd(0xe3);
  }

  /** `block … end`: `br 0` inside jumps past the end. */
  block(body: () => void): this {
    this.op(0x02, 0x40);
    body();
    return this.op(0x0b);
  }

  /** `loop … end`: `br 0` inside jumps back to the start. */
  loop(body: () => void): this {
    this.op(0x03, 0x40);
    body();
    return this.op(0x0b);
  }

  br(depth: number): this {
    this.op(0x0c);
    unsignedLeb(this.code, depth);
    return this;
  }

  brIf(depth: number): this {
    this.op(0x0d);
    unsignedLeb(this.code, depth);
    return this;
  }

  /**
   * `for (i = start; i < end; i += step) body()`, with `i`, `end` locals
   * and `step` a constant; the body runs zero times when start ≥ end.
   */
  forLoop(
    i: number,
    start: () => void,
    end: number,
    step: number,
    body: () => void,
  ): this {
    start();
    this.set(i);
    return this.block(() => {
      this.get(i).get(end).i32GeU().brIf(0);
      this.loop(() => {
        body();
        this.get(i).i32(step).i32Add().tee(i).get(end).i32LtU().brIf(0);
      });
    });
  }

  /**
   * Runs `simd` at byte offsets 0, 16, … over the first n − (n mod 4)
   * floats, then `scalar` at each remaining float's offset. The offset is
   * in the local `offset`; n is a local too.
   */
  forEachFloat(
    n: number,
    offset: number,
    simd: () => void,
    scalar: () => void,
  ): this {
    const vectorEnd = this.local(I32);
    const end = this.local(I32);
    this.get(n).i32(4).i32Mul().set(end);
    this.get(n).get(n).i32(4).i32RemU().i32Sub().i32(4).i32Mul();
    this.set(vectorEnd);
    this.forLoop(offset, () => this.i32(0), vectorEnd, 16, simd);
    return this.forLoop(offset, () => this.get(vectorEnd), end, 4, scalar);
  }
}

/** One exported function of a module. */
export interface ExportedFunction {
  name: string;
  builder: FunctionBuilder;
}

/**
 * Encodes a module that imports its memory as `env.memory` and exports
 * `functions`. `shared` must match the memory it will be given: the
 * threaded tfjs WASM build uses a shared memory, the others do not.
 */
export function encodeModule(
  functions: readonly ExportedFunction[],
  shared: boolean,
): Uint8Array<ArrayBuffer> {
  const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const section = (id: number, body: number[]) => {
    out.push(id);
    unsignedLeb(out, body.length);
    out.push(...body);
  };

  const types: number[] = [];
  unsignedLeb(types, functions.length);
  for (const { builder } of functions) {
    types.push(0x60);
    unsignedLeb(types, builder.params.length);
    types.push(...builder.params);
    types.push(0x00);
  }
  section(1, types);

  const imports: number[] = [];
  unsignedLeb(imports, 1);
  utf8(imports, 'env');
  utf8(imports, 'memory');
  imports.push(0x02);
  // Limits: a shared memory must declare a maximum (65,536 pages = 4 GiB).
  if (shared) {
    imports.push(0x03);
    unsignedLeb(imports, 1);
    unsignedLeb(imports, 65536);
  } else {
    imports.push(0x00);
    unsignedLeb(imports, 1);
  }
  section(2, imports);

  const declarations: number[] = [];
  unsignedLeb(declarations, functions.length);
  functions.forEach((_, index) => unsignedLeb(declarations, index));
  section(3, declarations);

  const exports: number[] = [];
  unsignedLeb(exports, functions.length);
  functions.forEach(({ name }, index) => {
    utf8(exports, name);
    exports.push(0x00);
    unsignedLeb(exports, index);
  });
  section(7, exports);

  const code: number[] = [];
  unsignedLeb(code, functions.length);
  for (const { builder } of functions) {
    const body: number[] = [];
    builder.encodeLocals(body);
    body.push(...builder.code, 0x0b);
    unsignedLeb(code, body.length);
    code.push(...body);
  }
  section(10, code);
  return new Uint8Array(out);
}
