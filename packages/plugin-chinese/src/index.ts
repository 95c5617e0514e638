import type { Greeter as GreeterPlugin } from '@greeter/core';

/** Greets in Chinese: `你好宇宙` by default, or the given name. */
export const Greeter = {
  greet({ name }: { name?: string } = {}): string {
    return `你好${name ?? '宇宙'}`;
  },
} satisfies GreeterPlugin;
