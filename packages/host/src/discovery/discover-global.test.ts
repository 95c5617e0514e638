import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, npmLayout, pluginPackage, removeTrees } from '@greeter/fixtures';
import type { LayoutEnvironment } from '../layouts/layouts.js';
import { createContainment } from './containment.js';
import { discoverPlugins } from './discover-plugins.js';

afterAll(removeTrees);

const home = '/nonexistent-greeter-home/ada';

describe('global discovery', () => {
  const discover = (cwd: string, env: Record<string, string>, config: Parameters<typeof discoverPlugins>[0]['config'] = null) => {
    const global: LayoutEnvironment = { env, execPath: '/nonexistent/bin/node', platform: 'linux', home, uid: 1000 };
    return discoverPlugins({ cwd, config, global, containment: createContainment(global), addCommand: (name) => `npm i -g ${name}` });
  };

  it('finds plugins in npm and pnpm 11 global folders, below the project', () => {
    const pnpmHome = makeTree({
      'global/v11/aaa-0/node_modules/greeter-plugin-klingon': {
        link: '../../../../store/v11/links/@/greeter-plugin-klingon/1.0.0/h/node_modules/greeter-plugin-klingon',
      },
      'global/v11/aaa-0/node_modules/.modules.yaml': JSON.stringify({ virtualStoreDir: '../../../../store/v11/links' }),
      'store/v11/links/@/greeter-plugin-klingon/1.0.0/h/node_modules/greeter-plugin-klingon': pluginPackage('greeter-plugin-klingon', 'nuqneH'),
      'global/v11/hash': { link: 'aaa-0' },
    });
    const prefix = makeTree({ 'lib/node_modules/greeter-plugin-chinese': pluginPackage('greeter-plugin-chinese', '你好宇宙', { version: '1.0.0' }) });
    const project = makeTree(npmLayout({ 'greeter-plugin-chinese': pluginPackage('greeter-plugin-chinese', '你好', { version: '2.0.0' }) }));
    const discovery = discover(project, { PNPM_HOME: pnpmHome, npm_config_prefix: prefix });
    const globalCopy = path.join(prefix, 'lib/node_modules/greeter-plugin-chinese');
    expect(discovery.problems).toEqual([]);
    expect(discovery.candidates.map((candidate) => [candidate.name, candidate.source, candidate.shadows])).toEqual([
      ['greeter-plugin-chinese', 'project', [{ source: 'global', version: '1.0.0', path: globalCopy, realPath: globalCopy }]],
      ['greeter-plugin-klingon', 'global', []],
    ]);
  });

  it('refuses a global plugin linked outside pnpm folders', () => {
    const outside = makeTree(pluginPackage('greeter-plugin-klingon', 'nuqneH'));
    const pnpmHome = makeTree({ 'global/v11/aaa-0/node_modules/greeter-plugin-klingon': { link: outside } });
    const discovery = discover(makeTree(), { PNPM_HOME: pnpmHome });
    expect(discovery.problems.map((problem) => [problem.name, problem.error.code])).toEqual([['greeter-plugin-klingon', 'GREETER_PLUGIN_LOAD_FAILED']]);
  });

  it('searches no global folder when autoDiscover is off', () => {
    const prefix = makeTree({ 'lib/node_modules/greeter-plugin-chinese': pluginPackage('greeter-plugin-chinese', '你好宇宙') });
    const config = { filepath: '/nonexistent/.greeterrc.json', config: { autoDiscover: false } };
    const discovery = discover(makeTree(), { npm_config_prefix: prefix }, config);
    expect({ candidates: discovery.candidates, searched: discovery.searched }).toEqual({ candidates: [], searched: [] });
  });
});
