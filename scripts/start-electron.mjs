// `npm start` (after the build): runs the desktop app with the Electron binary from node_modules.
//   node scripts/start-electron.mjs [--library DIR] [--data-dir DIR] [other Electron arguments]
// The binary is looked for first without downloading anything (node_modules/electron/path.txt and
// dist/). Only if it is missing is `require('electron')` tried, which downloads it; that runs in a
// child process with a time limit, so a download that cannot happen fails instead of hanging.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mainEntry = path.join(root, 'dist', 'main', 'electron', 'main.js');
const DOWNLOAD_TIMEOUT_MS = Number(process.env.APOSTIL_ELECTRON_DOWNLOAD_TIMEOUT_MS) || 5 * 60 * 1000;
const NOT_INSTALLED =
  'Apostil: the Electron binary is not installed and cannot be downloaded here. Run "npm run web" to use Apostil in your browser.';

function fail(message) {
  console.error(message);
  process.exit(1);
}

/** node_modules/electron, or null when the package itself is missing. */
function electronPackageDir() {
  try {
    return path.dirname(createRequire(path.join(root, 'package.json')).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** What node_modules/electron/index.js computes, without its download. */
function installedBinary(dir) {
  const pathFile = path.join(dir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override
    ? path.join(override, executable || 'electron')
    : executable
      ? path.join(dir, 'dist', executable)
      : null;
  return candidate && existsSync(candidate) ? candidate : null;
}

/** `require('electron')` downloads a missing binary; run it in a child so it can be timed out. */
function downloadBinary() {
  const marker = 'APOSTIL_ELECTRON_PATH=';
  const result = spawnSync(
    process.execPath,
    ['-e', `process.stdout.write('\\n${marker}' + require('electron') + '\\n')`],
    { cwd: root, encoding: 'utf8', timeout: DOWNLOAD_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true },
  );
  if (result.error || result.status !== 0) return null;
  const line = result.stdout.split(/\r?\n/).find((text) => text.startsWith(marker));
  const binary = line?.slice(marker.length).trim();
  return binary && existsSync(binary) ? binary : null;
}

if (!existsSync(mainEntry)) fail(`Apostil: ${path.relative(root, mainEntry)} is missing. Run "npm run build" first.`);
const packageDir = electronPackageDir();
if (!packageDir) fail(NOT_INSTALLED);
const electron = installedBinary(packageDir) ?? downloadBinary();
if (!electron) fail(NOT_INSTALLED);

// Electron started as plain Node would ignore the app: never pass that variable on.
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;

// The app folder (package.json's "main" is dist/main/electron/main.js), so Electron takes the app's
// name and version from package.json, as in a packaged build.
const child = spawn(electron, [root, ...process.argv.slice(2)], { stdio: 'inherit', env, windowsHide: false });
child.on('error', (error) => fail(`Apostil: Electron could not be started (${error.message}).`));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});
