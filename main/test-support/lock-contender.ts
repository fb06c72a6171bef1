// A process that tries to take a library's lock (bundled for lock.test.ts): prints "won" or
// "lost <message>", then holds what it got until its stdin closes.
//   node lock-contender.js <library>
import { writeSync } from 'node:fs';
import { acquireLibraryLock } from '../services/library/lock';

const dir = process.argv[2]!;
try {
  const lock = await acquireLibraryLock(dir);
  writeSync(1, 'won\n');
  process.stdin.resume();
  process.stdin.on('end', () => void lock.release().then(() => process.exit(0)));
} catch (error) {
  writeSync(1, `lost ${(error as Error).message}\n`);
  process.exit(0);
}
