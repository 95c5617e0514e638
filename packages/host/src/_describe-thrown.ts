import { displayName } from '@greeter/core';

/** A short, escaped description of a thrown value, for a message. */
export function describeThrown(error: unknown): string {
  if (error instanceof Error) return displayName(`${error.name}: ${error.message.split('\n')[0] ?? ''}`, 160);
  return displayName(String(error), 160);
}
