import { createRequire } from 'node:module';
import { isGreeterError } from '@greeter/core';
import { planChecks } from './plan-checks.js';
import type { PluginTestOptions, TestFramework } from './types.js';

/**
 * Registers the conformance suite as named tests: one per check, in a
 * `describe` named after the plugin. Pass your framework's `describe` and
 * `it` (vitest, node:test); without them it uses global ones (vitest with
 * globals, jest, mocha), else node:test's.
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
          // The code leads the message, so a failing run says which rule broke.
          if (isGreeterError(error)) error.message = `[${error.code}] ${error.message} (hint: ${error.hint})`;
          throw error;
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
