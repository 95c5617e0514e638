import { isGreeterError } from '@greeter/core';

/** The GreeterError code a promise rejects with; undefined when it resolves. */
export async function rejectionCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return isGreeterError(error) ? error.code : `not a GreeterError: ${String(error)}`;
  }
  return undefined;
}
