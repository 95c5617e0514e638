import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTree, npmLayout, pluginPackage, removeTrees } from '@greeter/fixtures';

// What a plugin asks for, what the user granted, and where it runs, as
// `list` and `doctor` show them: the built CLI, run as a user runs it.
const bin = fileURLToPath(new URL('../../bin/greeter.cjs', import.meta.url));

afterAll(removeTrees);

function greeter(cwd: string, args: string[]) {
  const { DEBUG: _debug, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, env: { ...inherited, NO_COLOR: '1' }, encoding: 'utf8' });
  return { stdout: result.stdout, stderr: result.stderr, code: result.status };
}

const weather = pluginPackage('greeter-plugin-weather', 'Sunny Universe', {
  packageJson: { greeterPlugin: { languages: ['weather'], permissions: { net: true, env: ['WEATHER_API_KEY'] } } },
});
const project = (config: Record<string, unknown>) =>
  makeTree({
    ...npmLayout({ 'greeter-plugin-weather': weather, 'greeter-plugin-pirate': pluginPackage('greeter-plugin-pirate', 'Ahoy') }),
    '.greeterrc.json': JSON.stringify(config),
  });

describe('permissions asked and granted', () => {
  const granted = project({ permissions: { 'greeter-plugin-weather': { net: true } }, trust: ['greeter-plugin-pirate'] });

  it('list --json carries where each plugin runs, what it asks for and what it is granted', () => {
    const { stdout, code } = greeter(granted, ['list', '--json']);
    const byName = Object.fromEntries((JSON.parse(stdout) as { plugins: Array<{ name: string }> }).plugins.map((plugin) => [plugin.name, plugin]));
    expect(code).toBe(0);
    expect(byName['greeter-plugin-weather']).toMatchObject({
      runs: 'isolated',
      permissions: { asked: { net: true, env: ['WEATHER_API_KEY'] }, granted: { net: true, env: [] } },
    });
    expect(byName['greeter-plugin-pirate']).toMatchObject({
      runs: 'in-process',
      permissions: { asked: { net: false, env: [] }, granted: { net: false, env: [] } },
    });
  });

  it('list --long shows them in its table', () => {
    const { stdout } = greeter(granted, ['list', '--long']);
    const weatherRow = stdout.split('\n').find((line) => line.startsWith('weather'));
    expect(weatherRow).toMatch(/isolated +net \(granted\), WEATHER_API_KEY \(asked, not granted\)/);
    expect(stdout.split('\n').find((line) => line.startsWith('pirate'))).toMatch(/in-process +- /);
  });

  it('doctor shows them for every plugin it checks', () => {
    const { stdout } = greeter(project({}), ['doctor']);
    expect(stdout).toContain('greets isolated; permissions: net (asked, not granted), WEATHER_API_KEY (asked, not granted)');
  });
});
