import { definePlugin } from '@greeter/core';

/** Greets in Swedish: `Hejsan Världen!` by default, or the given name. */
export const Greeter = definePlugin({
  greet({ name }: { name?: string } = {}): string {
    return `Hejsan ${name ?? 'Världen'}!`;
  },
});
