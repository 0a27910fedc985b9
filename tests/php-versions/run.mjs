// Runs PHP scripts of the repo under PHP compiled to WebAssembly (@php-wasm/node), one fresh
// runtime per script, and passes the real exit codes on (the php-wasm CLI always exits 0).
//
//   node run.mjs REPO_DIR JOB...      JOB = "<php version>|<label>|[-d key=value…] <script relative to the repo> [args…]"
//
// The repo is mounted at /repo. Each job's output is echoed; its closing "N passed, N failed[, N skipped]"
// line is summed into one closing line. Exits 1 if any job failed or printed no closing line.
import { loadNodeRuntime, createNodeFsMountHandler } from '@php-wasm/node';
import { PHP } from '@php-wasm/universal';

const SUMMARY = /^(\d+) passed, (\d+) failed(?:, (\d+) skipped)?$/;
const [repo, ...jobs] = process.argv.slice(2);
if (!repo || jobs.length === 0) {
  console.error('usage: node run.mjs REPO_DIR "<version>|<label>|<script> [args…]"…');
  process.exit(2);
}

async function runJob(version, argv) {
  const php = new PHP(await loadNodeRuntime(version, { emscriptenOptions: { processId: process.pid } }));
  await php.mount('/repo', createNodeFsMountHandler(repo));
  const response = await php.cli(['php', '-d', 'memory_limit=1G', ...argv], { cwd: '/repo' });
  const [stdout, stderr, exitCode] = await Promise.all([response.stdoutText, response.stderrText, response.exitCode]);
  return { stdout, stderr, exitCode };
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let ok = true;
// A runtime that crashes (a wasm stack overflow, say) may reject after its job returned: count it, keep going.
for (const event of ['unhandledRejection', 'uncaughtException']) {
  process.on(event, (error) => {
    ok = false;
    totals.failed += 1;
    console.log(`php-wasm crashed: ${String(error?.stack ?? error).split('\n').slice(0, 3).join(' | ')}`);
  });
}
for (const job of jobs) {
  const [version, label, command] = job.split('|');
  // Leading `-d key=value` pairs are PHP settings; the first other word is the script, relative to the repo.
  const words = command.split(' ').filter(Boolean);
  const script = words.findIndex((word, i) => word !== '-d' && words[i - 1] !== '-d');
  const argv = words.map((word, i) => (i === script ? `/repo/${word}` : word));
  const started = Date.now();
  let result;
  try {
    result = await runJob(version, argv);
  } catch (error) {
    result = { stdout: '', stderr: String(error?.stack ?? error), exitCode: 255 };
  }
  const lines = result.stdout.trimEnd().split('\n');
  const summary = lines.map((line) => line.match(SUMMARY)).filter(Boolean).pop();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  // The job's own table and failures, without its closing line (it is summed below).
  process.stdout.write(lines.filter((line) => !SUMMARY.test(line)).map((line) => `  ${line}\n`).join(''));
  if (result.stderr.trim() !== '') {
    process.stdout.write(result.stderr.trimEnd().split('\n').slice(-20).map((line) => `  stderr: ${line}\n`).join(''));
  }
  if (!summary) {
    ok = false;
    totals.failed += 1;
    console.log(`PHP ${version} ${label}: exit ${result.exitCode}, no summary line (${seconds} s)`);
    continue;
  }
  const [passed, failed, skipped] = [1, 2, 3].map((i) => Number(summary[i] ?? 0));
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  if (result.exitCode !== 0 || failed > 0) ok = false;
  console.log(`PHP ${version} ${label}: ${passed} passed, ${failed} failed, ${skipped} skipped, exit ${result.exitCode} (${seconds} s)`);
}
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
// php-wasm keeps handles open after cli(); leave explicitly with the verdict.
process.exit(ok && totals.failed === 0 ? 0 : 1);
