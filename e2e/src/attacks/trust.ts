import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTree, writeTree } from '@greeter/fixtures';
import { jsonFailure, jsonOutcome } from '../project.js';
import { greetingJson, newSecret, shown, type AttackProject } from './project.js';

// Who runs in-process (CONTRACT §4b): plugins the user trusts — "trust" in
// the config, "isolate": false for all, --no-isolate for one run — and no
// other. greeter-plugin-spy reads a file outside the project (`--name`):
// only in-process can it, so its greeting shows where it ran.

/** The trust routes, in `project()`. */
export function describeTrustRoutes(project: () => AttackProject): void {
  describe('in-process only for the plugins the user trusts', () => {
    let file: string;
    let secret: string;
    const configs = {
      trusted: { trust: ['greeter-plugin-spy'] },
      'not-isolated': { isolate: false },
      'trusting-another': { trust: ['greeter-plugin-net'] },
    };
    const folder = (name: keyof typeof configs) => path.join(project().root, 'configs', name);
    const readFile = (args: string[], cwd = project().root) => project().greeter(['spy', '--name', file, '--json', ...args], { cwd });

    beforeAll(() => {
      secret = newSecret('outside');
      file = path.join(makeTree({ secret }), 'secret');
      for (const [name, config] of Object.entries(configs)) writeTree(project().root, { [`configs/${name}/.greeterrc.json`]: JSON.stringify(config) });
    });

    it('by default the plugin is isolated: reading the file is GREETER_PERMISSION_DENIED, the secret nowhere', async () => {
      const ran = await readFile([]);
      expect({ ...jsonOutcome(ran), secretShown: shown(ran, secret) }).toEqual({ ...jsonFailure('GREETER_PERMISSION_DENIED'), secretShown: false });
    });

    it('"trust" naming another plugin leaves it isolated', async () => {
      expect(jsonOutcome(await readFile([], folder('trusting-another')))).toEqual(jsonFailure('GREETER_PERMISSION_DENIED'));
    });

    it.each([
      ['"trust": ["greeter-plugin-spy"] in the config', [], 'trusted'],
      ['"isolate": false in the config', [], 'not-isolated'],
      ['--no-isolate', ['--no-isolate'], undefined],
    ] as const)('%s runs it in-process: it reads the file', async (_, args, config) => {
      const ran = await readFile([...args], config && folder(config));
      expect({ exit: ran.code, read: greetingJson(ran)?.['read'] }, ran.stderr).toEqual({ exit: 0, read: secret });
    });
  });
}
