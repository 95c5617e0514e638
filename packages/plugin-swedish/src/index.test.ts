import { describe, it } from 'vitest';
import { testPlugin } from '@greeter/testkit';

// The package as the host loads it: its built entry, through the host's loader.
testPlugin(
  {
    dir: new URL('../', import.meta.url),
    cases: [
      { expected: 'Hejsan Världen!' },
      { options: { name: 'Ada' }, expected: 'Hejsan Ada!' },
    ],
  },
  { describe, it },
);
