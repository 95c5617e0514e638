import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, npmLayout, pluginPackage, removeTrees } from '@greeter/fixtures';
import { diagnose } from './diagnose.js';

afterAll(removeTrees);

const env = (root: string) => ({
  npm_config_prefix: path.join(root, 'none'),
  PNPM_HOME: path.join(root, 'none'),
  XDG_DATA_HOME: path.join(root, 'none'),
  YARN_GLOBAL_FOLDER: path.join(root, 'none'),
  BUN_INSTALL: path.join(root, 'none'),
});

describe('diagnose', () => {
  it('checks every plugin, names the broken ones, and explains the language asked for', async () => {
    const root = makeTree(
      npmLayout({
        'greeter-plugin-good': pluginPackage('greeter-plugin-good', 'good'),
        'greeter-plugin-bad': pluginPackage('greeter-plugin-bad', 'x', { packageJson: { greeterPlugin: { languages: 'bad' } } }),
      }),
    );
    const diagnosis = await diagnose({ cwd: root, config: null, env: env(root), language: 'good' });
    expect({
      plugins: diagnosis.plugins.map((plugin) => [plugin.candidate.name, plugin.ok]),
      problems: diagnosis.discovery.problems.map((problem) => [problem.name, problem.error.code]),
      language: diagnosis.language?.resolution.candidate?.name,
      healthy: diagnosis.healthy,
    }).toEqual({
      plugins: [['greeter-plugin-good', true]],
      problems: [['greeter-plugin-bad', 'GREETER_PLUGIN_INVALID']],
      language: 'greeter-plugin-good',
      healthy: false,
    });
  });

  it('reports a broken config and goes on without it', async () => {
    const root = makeTree({ ...npmLayout({ 'greeter-plugin-good': pluginPackage('greeter-plugin-good', 'good') }), '.greeterrc.json': '{"colour": true}' });
    const diagnosis = await diagnose({ cwd: root, env: env(root) });
    expect({
      config: diagnosis.config.error?.code,
      plugins: diagnosis.plugins.map((plugin) => [plugin.candidate.name, plugin.ok]),
      healthy: diagnosis.healthy,
    }).toEqual({ config: 'GREETER_CONFIG_INVALID', plugins: [['greeter-plugin-good', true]], healthy: false });
  });
});
