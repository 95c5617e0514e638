// The entry of dist/bundle/start.cjs, which bin/greeter.cjs requires: starts
// greet.cjs for a greeting (the command start-up is judged on) and the whole
// CLI, greeter.cjs, for anything else. Compiled code is kept in greeter's
// cache folder: the bundles' by a V8 code cache of greeter's own
// (code-cache.ts), which holds every function a command compiled, where
// Node's module compile cache (22+) holds only what compiling the file
// compiled, and Node 20 has none for CommonJS that keeps import() working;
// plugins' and on-use packages' by Node's compile cache, where there is one.
// A folder that cannot be written only means compiling again;
// GREETER_CACHE=off keeps nothing, NODE_DISABLE_COMPILE_CACHE no code.
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { reservedWords } from '@greeter/core';
import { greeterCacheFolder } from './cache-folder.js';
import { type CachedBundle, loadCached } from './code-cache.js';
import type { RunHooks } from './run.js';

interface Bundle {
  run(hooks?: RunHooks): void;
  parseGreeting?(argv: readonly string[]): RunHooks['args'];
}

const requireBundle = module.createRequire(import.meta.filename);
const { enableCompileCache, flushCompileCache } = module as { enableCompileCache?: (dir?: string) => unknown; flushCompileCache?: () => void };

/** Starts the CLI. */
export function start(): void {
  const argv = process.argv.slice(2);
  const cacheFolder = greeterCacheFolder(process.env, os.homedir());
  const cached: CachedBundle[] = [];
  const word = argv.find((arg) => !arg.startsWith('-'));
  const command = (reservedWords as readonly string[]).includes(word ?? '') ? word : undefined;
  let load = (name: string) => requireBundle(path.join(import.meta.dirname, name)) as Bundle;
  // Node's cache folder when NODE_COMPILE_CACHE names one; greeter's otherwise.
  if (process.env['NODE_COMPILE_CACHE']) enableCompileCache?.();
  else if (cacheFolder !== undefined) enableCompileCache?.(path.join(cacheFolder, 'compile-cache'));
  // NODE_DISABLE_COMPILE_CACHE, which turns Node's off, turns greeter's off too.
  if (cacheFolder !== undefined && !process.env['NODE_DISABLE_COMPILE_CACHE']) {
    // Each command compiles other functions of a bundle: one cache per command word, and
    // for a greeting one with a language named and one without (which often reads every plugin).
    const profile = command ?? (word === undefined ? 'default' : 'greet');
    load = (name) => {
      const bundle = loadCached(path.join(import.meta.dirname, name), path.join(cacheFolder, 'code-cache'), profile);
      cached.push(bundle);
      return bundle.exports as Bundle;
    };
  }
  // A command word is never a greeting: the whole CLI parses it, without greet.cjs.
  const greeting = command ? undefined : load('greet.cjs');
  const args = greeting?.parseGreeting?.(argv);
  const bundle = greeting !== undefined && args !== undefined ? greeting : load('greeter.cjs');
  bundle.run({
    beforeExit() {
      flushCompileCache?.();
      for (const each of cached) each.save();
    },
    args,
  });
}
