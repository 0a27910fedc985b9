// The project's mMP emulator on a free loopback port, for the screens that talk to mMP.
// (The mMP client uses wp_remote_request, so any port works.)

import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './site.mjs';

export const EMULATOR_TOKEN = 'browser-test-token';

/** Starts the emulator; resolves to { url, apiUrl, stop() }. */
export function startEmulator() {
  const script = path.join(ROOT, 'tests', 'emulator', 'mmp_emulator.py');
  const child = spawn('python3', ['-B', script, '--host', '127.0.0.1', '--port', '0', '--token', EMULATOR_TOKEN], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`emulator did not start: ${seen}`));
    }, 10000);
    child.on('error', reject);
    child.stderr.on('data', (chunk) => {
      seen += chunk;
    });
    child.stdout.on('data', (chunk) => {
      seen += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        url: match[1],
        apiUrl: `${match[1]}/api/v1`,
        stop: () =>
          new Promise((done) => {
            child.once('exit', done);
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/** The requests the emulator received (its control API). */
export async function emulatorRequests(emulator) {
  const response = await fetch(`${emulator.url}/__emulator/requests`);
  return response.json();
}
