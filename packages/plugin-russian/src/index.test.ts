import { describe, it } from 'vitest';
import { testPlugin } from '@greeter/testkit';

// The package as the host loads it: its built entry, through the host's loader.
testPlugin(
  {
    dir: new URL('../', import.meta.url),
    cases: [
      { expected: 'Привет, Вселенная!' },
      { options: { name: 'Ada' }, expected: 'Привет, Ada!' },
    ],
  },
  { describe, it },
);
