import { createRequire } from 'node:module';
import { GreeterError, isGreeterError } from '@greeter/core';
import { planChecks } from './plan-checks.js';
import type { PluginTestOptions, TestFramework } from './types.js';

/**
 * Registers the conformance suite as named tests: one per check, titled
 * `<what it checks> [<check id>]`, in a `describe('greeter plugin
 * conformance')`. Pass your framework's `describe` and `it` (vitest,
 * node:test); without them it uses global ones (vitest with globals, jest,
 * mocha), else node:test's. A failing check's message leads with its code:
 * `[GREETER_PLUGIN_INVALID] … Hint: …`.
 *
 * @example
 * import { describe, it } from 'vitest';
 * testPlugin({ dir: new URL('..', import.meta.url), cases: [{ expected: 'Hej Universum' }] }, { describe, it });
 */
export function testPlugin(options: PluginTestOptions = {}, framework: TestFramework = defaultFramework()): void {
  const checks = planChecks(options);
  framework.describe('greeter plugin conformance', () => {
    for (const check of checks) {
      framework.it(`${check.title} [${check.id}]`, async () => {
        try {
          await check.run();
        } catch (error) {
          if (!isGreeterError(error)) throw error;
          // A new error for the report, so the code leads the message once.
          throw GreeterError.from({ code: error.code, message: `[${error.code}] ${error.message} Hint: ${error.hint}`, hint: error.hint }, error.cause);
        }
      });
    }
  });
}

function defaultFramework(): TestFramework {
  const globals = globalThis as Partial<TestFramework>;
  if (typeof globals.describe === 'function' && typeof globals.it === 'function') {
    return { describe: globals.describe, it: globals.it };
  }
  return createRequire(import.meta.url)('node:test') as TestFramework;
}
