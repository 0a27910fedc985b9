// The Node column of ./build.sh bench: the browser build of the core (wasm-bindgen --target web)
// loaded in Node with initSync, `call(op, json)` timed per call.
//   node node_bench.mjs WASM_JS_DIR OP INPUT_JSON_FILE ITERATIONS  →  {"op","iterations","median_ns","min_ns"}
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [dir, op, inputFile, iterationsText] = process.argv.slice(2);
const iterations = Number(iterationsText);
if (!dir || !op || !inputFile || !(iterations > 0)) {
  console.error('usage: node node_bench.mjs WASM_JS_DIR OP INPUT_JSON_FILE ITERATIONS');
  process.exit(2);
}
const glue = await import(pathToFileURL(join(dir, 'modulus_sms_wasm.js')).href);
glue.initSync({ module: readFileSync(join(dir, 'modulus_sms_wasm_bg.wasm')) });
const input = readFileSync(inputFile, 'utf8');
const reply = JSON.parse(glue.call(op, input));
if (reply.error) {
  console.error(`node_bench: ${op} replied with an error: ${JSON.stringify(reply.error)}`);
  process.exit(1);
}
for (let i = 0; i < Math.min(iterations, 200); i++) glue.call(op, input);
const samples = new Array(iterations);
for (let i = 0; i < iterations; i++) {
  const start = process.hrtime.bigint();
  glue.call(op, input);
  samples[i] = Number(process.hrtime.bigint() - start);
}
samples.sort((a, b) => a - b);
console.log(JSON.stringify({ op, iterations, median_ns: samples[iterations >> 1], min_ns: samples[0] }));
