import { definePlugin } from '@greeter/core';

/** Greets in Russian: `Привет, Вселенная!` by default, or the given name. */
export const Greeter = definePlugin({
  greet({ name }: { name?: string } = {}): string {
    return `Привет, ${name ?? 'Вселенная'}!`;
  },
});
