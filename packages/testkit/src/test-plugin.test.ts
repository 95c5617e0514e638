import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isGreeterError } from '@greeter/core';
import { makeTree, pluginPackage, removeTrees, type PluginSpec } from '@greeter/fixtures';
import { testPlugin } from './test-plugin.js';
import type { TestFramework } from './types.js';

afterAll(removeTrees);

const plugin = (spec: PluginSpec = {}) =>
  makeTree(pluginPackage('greeter-plugin-pirate', 'Ahoy', { languages: ['pirate', 'arr'], ...spec, packageJson: { description: 'Greets like a pirate.' } }));

const checkIds = [
  'package-name',
  'keywords',
  'description',
  'peer-range',
  'language-words',
  'language-commands',
  'language-from-name',
  'loads',
  'no-runtime-core',
  'greets',
  'uses-name',
];

/** A framework that records each test and runs it on demand. */
function recordingFramework() {
  const suites: string[] = [];
  const tests: { id: string; body: () => Promise<void> }[] = [];
  const framework: TestFramework = {
    describe: (name, body) => {
      suites.push(name);
      body();
    },
    it: (name, body) => void tests.push({ id: /\[([^\]]+)\]$/.exec(name)?.[1] ?? name, body }),
  };
  return { framework, suites, tests };
}

async function thrown(body: () => Promise<void>): Promise<unknown> {
  try {
    await body();
  } catch (error) {
    return error;
  }
  return undefined;
}

const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe('testPlugin', () => {
  it('registers one test per check, titled with its id, in one suite', () => {
    const { framework, suites, tests } = recordingFramework();
    testPlugin({ dir: plugin(), cases: [{ expected: 'Ahoy Universe' }] }, framework);
    expect([suites, tests.map((test) => test.id)]).toEqual([['greeter plugin conformance'], [...checkIds, 'case:0']]);
  });

  it('fails each check that meets one load failure with its own error, the code once in its message', async () => {
    const { framework, tests } = recordingFramework();
    testPlugin({ dir: plugin({ source: 'export const Greeter = {};' }) }, framework);
    const loadChecks = tests.filter((test) => ['loads', 'greets', 'uses-name'].includes(test.id));
    // Twice each, as a runner that retries would.
    const errors = [];
    for (const test of [...loadChecks, ...loadChecks]) errors.push(await thrown(test.body));
    expect(errors.map((error) => isGreeterError(error) && error.code)).toEqual(Array(6).fill('GREETER_PLUGIN_INVALID'));
    expect(errors.map((error) => occurrences((error as Error).message, '[GREETER_PLUGIN_INVALID]'))).toEqual(Array(6).fill(1));
    expect(new Set(errors).size).toBe(6);
  });

  it('runs under node:test', () => {
    const testkit = pathToFileURL(path.resolve('dist/index.js')).href;
    const run = (dir: string) => {
      const file = path.join(makeTree(), 'plugin.test.mjs');
      writeFileSync(file, `import { testPlugin } from ${JSON.stringify(testkit)};\ntestPlugin({ dir: ${JSON.stringify(dir)} });\n`);
      // TAP on every Node: from Node 23 the default reporter is spec, also when piped.
      return spawnSync(process.execPath, ['--test', '--test-reporter=tap', file], { encoding: 'utf8' });
    };
    const passing = run(plugin());
    expect([passing.status, /^# pass (\d+)$/m.exec(passing.stdout)?.[1]]).toEqual([0, String(checkIds.length)]);
    const failing = run(plugin({ source: 'export const Greeter = {};' }));
    // loads, greets and uses-name fail, each reporting the code once.
    expect([failing.status, /^# fail (\d+)$/m.exec(failing.stdout)?.[1], occurrences(failing.stdout, '[GREETER_PLUGIN_INVALID]')]).toEqual([1, '3', 3]);
  });
});
