import type { Greeter as GreeterPlugin } from '@greeter/core';

/** Greets in Russian: `Привет, Вселенная!` by default, or the given name. */
export const Greeter = {
  greet({ name }: { name?: string } = {}): string {
    return `Привет, ${name ?? 'Вселенная'}!`;
  },
} satisfies GreeterPlugin;
