import { expect, it } from 'vitest';
import { lookupGreeter } from '@greeter/core';
import * as plugin from './index.js';

const { greeter } = lookupGreeter(plugin, 'greeter-plugin-russian');

it('greets the universe', async () => {
  expect(await greeter.greet()).toBe('Привет, Вселенная!');
});

it('greets by name', async () => {
  expect(await greeter.greet({ name: 'Ada' })).toBe('Привет, Ada!');
});
