/** Sizes shared by the kernels. */

/** Bytes per float32. */
export const FLOAT = 4;
