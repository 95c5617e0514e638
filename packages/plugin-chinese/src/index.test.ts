import { expect, it } from 'vitest';
import { lookupGreeter } from '@greeter/core';
import * as plugin from './index.js';

const { greeter } = lookupGreeter(plugin, 'greeter-plugin-chinese');

it('greets the universe', async () => {
  expect(await greeter.greet()).toBe('你好宇宙');
});

it('greets by name', async () => {
  expect(await greeter.greet({ name: 'Ada' })).toBe('你好Ada');
});
