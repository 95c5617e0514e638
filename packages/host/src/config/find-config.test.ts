import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isGreeterError } from '@greeter/core';
import { makeTree, removeTrees } from '@greeter/fixtures';
import { findConfig, loadConfigFile } from './find-config.js';
import { rejectionCode } from '@greeter/fixtures';

afterAll(removeTrees);

const codeOf = rejectionCode;

describe('findConfig', () => {
  it('returns null when there is no config', async () => {
    expect(await findConfig(makeTree({ 'package.json': '{"name":"x"}' }))).toBeNull();
  });

  it.each([
    ['.greeterrc.json', '{"default":"chinese"}'],
    ['.greeterrc', 'default: chinese\n'],
    ['.greeterrc.yaml', 'default: chinese\n'],
    ['.greeterrc.cjs', 'module.exports = { default: "chinese" };'],
    ['greeter.config.mjs', 'export default { default: "chinese" };'],
    ['greeter.config.ts', 'const language: string = "chinese";\nexport default { default: language };'],
    ['package.json', '{"name":"x","greeter":{"default":"chinese"}}'],
  ])('loads %s', async (file, content) => {
    const root = makeTree({ [file]: content });
    expect(await findConfig(root)).toEqual({ config: { default: 'chinese' }, filepath: path.join(root, file) });
  });

  it('passes over a package.json without a "greeter" key to a config file beside it', async () => {
    const root = makeTree({ 'package.json': '{"name":"x"}', '.greeterrc.json': '{"default":"zh"}' });
    expect((await findConfig(root))?.filepath).toBe(path.join(root, '.greeterrc.json'));
  });

  it('finds a config in a parent folder, past a package.json without one', async () => {
    const root = makeTree({ '.greeterrc.json': '{"autoDiscover":false}', 'app/package.json': '{"name":"app"}' });
    const found = await findConfig(path.join(root, 'app'));
    expect(found?.filepath).toBe(path.join(root, '.greeterrc.json'));
  });

  it('names the file for unparsable and wrongly shaped configs', async () => {
    const broken = makeTree({ '.greeterrc.json': '{"default": ' });
    expect(await codeOf(findConfig(broken))).toBe('GREETER_CONFIG_INVALID');
    const wrong = makeTree({ 'package.json': '{"greeter":{"plugins":"chinese"}}' });
    const error = await findConfig(wrong).catch((caught: unknown) => caught);
    expect(isGreeterError(error) && error.code).toBe('GREETER_CONFIG_INVALID');
    expect(isGreeterError(error) && error.message).toContain(path.join(wrong, 'package.json'));
  });

  it('loads an explicit file and reports a missing one', async () => {
    const root = makeTree({ 'custom.json': '{"default":"swedish"}' });
    expect((await loadConfigFile(path.join(root, 'custom.json')))?.config).toEqual({ default: 'swedish' });
    expect(await codeOf(loadConfigFile(path.join(root, 'missing.json')))).toBe('GREETER_CONFIG_INVALID');
  });
});
