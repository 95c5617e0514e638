import { describe, expect, it } from 'vitest';
import { commandLines } from './package-manager.js';

describe('commandLines', () => {
  it.each([
    ['pnpm', 'pnpm install', 'pnpm run test'],
    ['npm', 'npm install', 'npm run test'],
    ['yarn', 'yarn install', 'yarn run test'],
    // `bun test` would start bun's own test runner, not the package's script.
    ['bun', 'bun install', 'bun run test'],
  ] as const)('spells %s commands', (manager, install, test) => {
    const commands = commandLines(manager);
    expect([commands.install, commands.run('test')]).toEqual([install, test]);
  });
});
