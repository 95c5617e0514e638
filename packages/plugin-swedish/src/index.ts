import type { Greeter as GreeterPlugin } from '@greeter/core';

/** Greets in Swedish: `Hejsan Världen!` by default, or the given name. */
export const Greeter = {
  greet({ name }: { name?: string } = {}): string {
    return `Hejsan ${name ?? 'Världen'}!`;
  },
} satisfies GreeterPlugin;
