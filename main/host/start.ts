// The browser-mode host's entry point (dist/main/host.js): the code cache turned on (code-cache.ts),
// then the host (cli.ts) loaded by import(), so that its code is compiled with the cache on.
import { codeCacheDir, enableCodeCache } from './code-cache';

enableCodeCache(codeCacheDir(process.argv.slice(2)));
await import('./cli');
