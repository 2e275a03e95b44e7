/**
 * Registers tfjs-core's gradient functions for bundled (browser worker)
 * code. tfjs-core alone does not register them; the union `@tensorflow/tfjs`
 * package would. Import once from the worker entry. Node code uses
 * `scripts/tfjs-node-setup.ts` instead, because Node cannot load this path.
 */
import '@tensorflow/tfjs-core/dist/register_all_gradients';
