// The messaging core in the browser: the same .wasm the server runs (translated to PHP there),
// loaded once through its wasm-bindgen glue. Every preview on these screens asks it; no rule is
// re-implemented in JavaScript.

import { config } from './config.js';

let loading = null;

/** Loads the core once; resolves to the wasm-bindgen module. */
export function loadCore() {
  if (!loading) {
    loading = (async () => {
      const { glue, binary } = config().wasm;
      if (!glue || !binary) throw new Error('wasm location missing');
      const bindings = await import(glue);
      await bindings.default({ module_or_path: binary });
      return bindings;
    })();
  }
  return loading;
}

/** A failure reported by the core: `{"error":{"code","message"}}`. */
export class CoreError extends Error {
  constructor(code, message) {
    super(message || code);
    this.code = code;
  }
}

/**
 * Runs a core op (`render`, `segments`, `quiet_hours`, …) on an input object and returns the
 * parsed output; a core error becomes a CoreError.
 */
export async function coreCall(op, input) {
  const bindings = await loadCore();
  const output = JSON.parse(bindings.call(op, JSON.stringify(input)));
  if (output && typeof output === 'object' && output.error) {
    throw new CoreError(output.error.code || 'error', output.error.message || '');
  }
  return output;
}
