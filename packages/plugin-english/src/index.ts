import { definePlugin } from '@greeter/core';

/** Greets in English: `Hello Universe` by default, or the given name. */
export const Greeter = definePlugin({
  greet({ name }: { name?: string } = {}): string {
    return `Hello ${name ?? 'Universe'}`;
  },
});
