import { describe, it } from 'vitest';
import { testPlugin } from '@greeter/testkit';

// The package as the host loads it: its built entry, through the host's loader.
testPlugin(
  {
    dir: new URL('../', import.meta.url),
    cases: [
      { expected: '你好宇宙' },
      { options: { name: 'Ada' }, expected: '你好Ada' },
    ],
  },
  { describe, it },
);
