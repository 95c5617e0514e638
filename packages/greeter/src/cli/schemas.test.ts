import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { errorCodes } from '@greeter/core';
import { makeTree, npmLayout, pluginPackage, removeTrees } from '@greeter/fixtures';
import { schemaOf, validate, type DocumentName } from '../registry/test-helpers/schemas.js';

// The built CLI's real --json output, checked against the schemas greeter ships.
const bin = fileURLToPath(new URL('../../bin/greeter.cjs', import.meta.url));

afterAll(removeTrees);

// A project with something of everything: a healthy plugin shadowing a copy
// in the parent folder, an incompatible one, a broken manifest, a failing greet.
const root = makeTree({
  ...npmLayout({ 'greeter-plugin-chinese': pluginPackage('greeter-plugin-chinese', '你好宇宙', { version: '1.0.0', languages: ['chinese', 'zh'] }) }),
  app: npmLayout({
    'greeter-plugin-chinese': pluginPackage('greeter-plugin-chinese', '你好宇宙', { version: '2.0.0', languages: ['chinese', 'zh'], coreRange: '>=0.0.0' }),
    'greeter-plugin-klingon': pluginPackage('greeter-plugin-klingon', 'nuqneH', { coreRange: '^99.0.0' }),
    'greeter-plugin-broken': pluginPackage('greeter-plugin-broken', 'x', { packageJson: { greeterPlugin: { languages: 'not a list' } } }),
    'greeter-plugin-grumpy': pluginPackage('greeter-plugin-grumpy', 'x', { source: 'export const Greeter = { greet() { throw new Error("no"); } };' }),
  }),
});
const app = `${root}/app`;

function greeterJson(args: string[]): unknown {
  const { DEBUG: _debug, ...env } = process.env;
  const result = spawnSync(process.execPath, [bin, ...args, '--json'], { cwd: app, env: { ...env, NO_COLOR: '1' }, encoding: 'utf8' });
  return JSON.parse(result.stdout);
}

describe('the JSON schemas', () => {
  it.each<[DocumentName, string[]]>([
    ['greet', ['zh']],
    ['greet', []],
    ['list', ['list']],
    ['list', ['list', '--long']],
    ['doctor', ['doctor']],
    ['doctor', ['doctor', 'zh']],
    ['doctor', ['doctor', 'klingon']],
    ['help', ['help']],
    ['help', ['list', '--help']],
    ['version', ['--version']],
    ['completion', ['completion', 'fish']],
    ['error', ['klingon']],
    ['error', ['../x']],
    ['error', ['list', '--bogus']],
  ])('%s describes `greeter %s --json`', (name, args) => {
    expect(validate(name, greeterJson(args))).toEqual([]);
  });

  it('name every error code of the catalogue, and GREETER_INTERNAL', () => {
    const { $defs } = schemaOf('error') as { $defs: { error: { properties: { code: { enum: string[] } } } } };
    expect($defs.error.properties.code.enum).toEqual([...errorCodes, 'GREETER_INTERNAL']);
  });

  it('are shipped with the package and exported as greeter/schemas/*', () => {
    const packageJson = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8'));
    expect(packageJson.files).toContain('schemas');
    expect(packageJson.exports['./schemas/*']).toBe('./schemas/*');
  });
});
