import type { Greeter as GreeterPlugin } from '@greeter/core';

/** Greets in English: `Hello Universe` by default, or the given name. */
export const Greeter = {
  greet({ name }: { name?: string } = {}): string {
    return `Hello ${name ?? 'Universe'}`;
  },
} satisfies GreeterPlugin;
