import { isGreeterError } from '@greeter/core';
import { planChecks } from './plan-checks.js';
import type { CheckResult, PluginTestOptions } from './types.js';

/**
 * Runs every check on a plugin and returns the outcomes as data, one per
 * check, each with a stable id and, on failure, the contract error code.
 * For use without a test framework, or to assert on codes.
 */
export async function checkPlugin(options: PluginTestOptions = {}): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of planChecks(options)) {
    const { id, title } = check;
    try {
      await check.run();
      results.push({ id, title, ok: true });
    } catch (error) {
      results.push(
        isGreeterError(error)
          ? { id, title, ok: false, code: error.code, message: error.message, hint: error.hint }
          : { id, title, ok: false, message: error instanceof Error ? error.message : String(error) },
      );
    }
  }
  return results;
}
