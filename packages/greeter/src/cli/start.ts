// The entry of dist/bundle/start.cjs, which bin/greeter.cjs requires: starts
// greet.cjs for a greeting (the command start-up is judged on) and the whole
// CLI, greeter.cjs, for anything else. On Node 22+ it first turns on Node's
// compile cache, so the bundles' code is compiled once, not at every start
// (a folder that cannot be written only means no cache). Node 20 has no
// compile cache for CommonJS that keeps import() working (V8's cached data
// drops the dynamic import callback), so it compiles at every start.
import module from 'node:module';
import path from 'node:path';
import { cacheFolder } from './cache-folder.js';
import type { RunHooks } from './run.js';

interface Bundle {
  run(hooks?: RunHooks): void;
  parseGreeting?(argv: readonly string[]): RunHooks['args'];
}

const requireBundle = module.createRequire(import.meta.filename);
const { enableCompileCache, flushCompileCache } = module as { enableCompileCache?: (dir?: string) => unknown; flushCompileCache?: () => void };

/** Starts the CLI. */
export function start(): void {
  // Node's own cache folder when NODE_COMPILE_CACHE names one; greeter's otherwise.
  enableCompileCache?.(process.env['NODE_COMPILE_CACHE'] ? undefined : path.join(cacheFolder(process.env), 'compile-cache'));
  const greeting = requireBundle(path.join(import.meta.dirname, 'greet.cjs')) as Bundle;
  const args = greeting.parseGreeting?.(process.argv.slice(2));
  const bundle = args ? greeting : (requireBundle(path.join(import.meta.dirname, 'greeter.cjs')) as Bundle);
  bundle.run({ beforeExit: flushCompileCache, args });
}
