// Where Apostil keeps things by default. Mirrors Electron's app.getPath('userData') for an app named
// "Apostil", so the desktop app and browser mode open the same default library.
import os from 'node:os';
import path from 'node:path';

export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Apostil');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Apostil');
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'Apostil');
}

export function defaultLibraryDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  return path.join(userDataDir(env, platform), 'Library');
}
