import { pathToFileURL } from 'node:url';
import { isPlainObject } from '../_fs.js';
import { runGuarded } from '../process-guard.js';

/**
 * Cosmiconfig loader for config modules (`.js`, `.cjs`, `.mjs`, `.ts`): run
 * inside the process guard, as plugin code is, so what a config prints stays
 * off stdout and `process.exit` in it is `GREETER_CONFIG_INVALID`.
 * JavaScript is imported natively (once: no retry through require); TypeScript
 * through jiti, which strips types on Node 20 as well, follows the config's
 * own relative imports and supports top-level await.
 */
export function createModuleLoader(timeoutMs: number): (filepath: string) => Promise<unknown> {
  return (filepath) =>
    runGuarded(
      async () => {
        let exported: unknown;
        if (filepath.endsWith('.ts')) {
          const { createJiti } = await import('jiti');
          // No caches: a config is read once per run, and greeter writes no files.
          const jiti = createJiti(pathToFileURL(filepath).href, { fsCache: false, moduleCache: false, interopDefault: true });
          exported = defaultExport(await jiti.import(filepath));
        } else {
          exported = defaultExport(await import(pathToFileURL(filepath).href));
        }
        // Copied to plain data here, inside the guard: a getter or Proxy of the
        // module's that throws is the config's failure, not greeter's.
        return exported === undefined ? undefined : JSON.parse(JSON.stringify(exported));
      },
      { phase: 'config', subject: `The greeter config ${filepath}`, deadline: Date.now() + timeoutMs, timeoutMs },
    );
}

function defaultExport(namespace: unknown): unknown {
  return isPlainObject(namespace) && 'default' in namespace ? namespace['default'] : namespace;
}
