// The desktop app's command line: `--library DIR` opens that library (e2e tests use it) and
// `--data-dir DIR` keeps settings and browser data there instead of the user-data folder, like the
// browser-mode host. Anything else (Chromium switches, a file path) is ignored.
import path from 'node:path';
import { parseArgs } from 'node:util';

export interface CommandLine {
  library?: string;
  dataDir?: string;
}

/** `argv` without the executable (and without the app path when run as `electron .`). */
export function parseCommandLine(argv: readonly string[], cwd = process.cwd()): CommandLine {
  const { values } = parseArgs({
    args: [...argv],
    options: { library: { type: 'string' }, 'data-dir': { type: 'string' } },
    strict: false,
    allowPositionals: true,
  });
  const result: CommandLine = {};
  if (typeof values.library === 'string' && values.library) result.library = path.resolve(cwd, values.library);
  if (typeof values['data-dir'] === 'string' && values['data-dir']) result.dataDir = path.resolve(cwd, values['data-dir']);
  return result;
}

/** Electron's argv holds the executable, and in development also the app path. */
export function userArguments(argv: readonly string[], defaultApp: boolean): string[] {
  return argv.slice(defaultApp ? 2 : 1);
}
