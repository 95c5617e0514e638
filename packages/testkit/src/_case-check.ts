import { AssertionError } from 'node:assert';
import { isGreeterError } from '@greeter/core';
import type { Greet } from './_code-checks.js';
import type { PluginCase, PluginCheck } from './types.js';

/** One of the author's own cases: a greeting to compare, or a code it must fail with. */
export function caseCheck(pluginCase: PluginCase, index: number, greet: Greet): PluginCheck {
  const options = pluginCase.options ?? {};
  const title = pluginCase.name ?? `greet(${JSON.stringify(options)})`;
  const expectedError = pluginCase.expectedError;
  return {
    id: `case:${index}`,
    title: expectedError ? `${title} fails with ${expectedError.code}` : title,
    run: async () => {
      if (expectedError) return expectFailure(greet(options), expectedError.code, title);
      const greeting = await greet(options);
      const expected = pluginCase.expected;
      const ok = expected === undefined || (typeof expected === 'string' ? greeting === expected : expected.test(greeting));
      if (!ok) {
        throw new AssertionError({ message: `${title} returned ${JSON.stringify(greeting)}`, actual: greeting, expected, operator: 'strictEqual' });
      }
    },
  };
}

async function expectFailure(promise: Promise<string>, code: string, title: string): Promise<void> {
  let greeting: string;
  try {
    greeting = await promise;
  } catch (error) {
    const actual = isGreeterError(error) ? error.code : String(error);
    if (actual === code) return;
    throw new AssertionError({ message: `${title} failed with ${actual}, not ${code}`, actual, expected: code, operator: 'strictEqual' });
  }
  throw new AssertionError({ message: `${title} greeted ${JSON.stringify(greeting)} instead of failing with ${code}`, actual: greeting, expected: code });
}
