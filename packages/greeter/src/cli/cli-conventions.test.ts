import { afterAll, describe, expect, it } from 'vitest';
import { codeIn, makeTree, npmLayout, pluginPackage, removeTrees } from '@greeter/fixtures';
import { bin, greeter, run } from './test-helpers/run-cli.js';

// Help per command, did-you-mean, colour per stream, broken copies and config positions.
afterAll(removeTrees);

const chinese = pluginPackage('greeter-plugin-chinese', '你好宇宙', { languages: ['chinese', 'zh', '中文'] });

describe.concurrent('a CLI like the best ones', () => {
  const project = makeTree(npmLayout({ 'greeter-plugin-chinese': chinese }));

  it('shows help per command, as `help <command>` and `<command> --help` alike', async () => {
    const viaHelp = await greeter(project, ['help', 'list']);
    const viaFlag = await greeter(project, ['list', '--help']);
    expect([viaHelp.code, viaHelp.stdout === viaFlag.stdout, viaHelp.stdout.split('\n')[0]]).toEqual([0, true, 'Usage: greeter list [-l|--long]']);
    expect(codeIn((await greeter(project, ['help', 'lsit'])).stderr)).toBe('GREETER_USAGE');
  });

  it('takes a word close to a command for the command, not for a plugin to install', async () => {
    const result = await greeter(project, ['lsit']);
    expect([result.code, codeIn(result.stderr), result.stderr.includes('greeter list'), result.stderr.includes('greeter-plugin-lsit')]).toEqual([
      2,
      'GREETER_USAGE',
      true,
      false,
    ]);
  });

  it('suggests the nearest flag', async () => {
    const result = await greeter(project, ['chinese', '--nam', 'Ada']);
    expect([result.code, codeIn(result.stderr), result.stderr.includes('--name')]).toEqual([2, 'GREETER_USAGE', true]);
  });

  it('colours each stream on its own: forced or not, never JSON', async () => {
    const { NO_COLOR: _off, ...env } = process.env;
    const colored = (args: string[], extra: Record<string, string> = {}) => run(process.execPath, [bin, ...args], { cwd: project, env: { ...env, ...extra } });
    const hasEscape = (text: string) => text.includes('\u001b[');
    expect(hasEscape((await colored(['list'])).stdout)).toBe(false);
    expect(hasEscape((await colored(['list', '--color'])).stdout)).toBe(true);
    expect(hasEscape((await colored(['list'], { FORCE_COLOR: '1' })).stdout)).toBe(true);
    expect(hasEscape((await colored(['list'], { FORCE_COLOR: '0' })).stdout)).toBe(false);
    expect(hasEscape((await colored(['klingon'], { FORCE_COLOR: '1' })).stderr)).toBe(true);
    expect(hasEscape((await colored(['klingon', '--no-color'], { FORCE_COLOR: '1' })).stderr)).toBe(false);
    expect(hasEscape((await colored(['list', '--json', '--color'])).stdout)).toBe(false);
  });

  it('lists a broken copy of a plugin as broken, and a config error with the line and column', async () => {
    const broken = makeTree(
      npmLayout({ 'greeter-plugin-english': pluginPackage('greeter-plugin-english', 'x', { packageJson: { greeterPlugin: { languages: 'english' } } }) }),
    );
    const listed = await greeter(broken, ['list']);
    const row = listed.stdout.split('\n').find((line) => line.includes('greeter-plugin-english') && !line.startsWith('broken'));
    expect([listed.code, row?.split(/\s+/).at(-1), listed.stdout.includes('No plugins found')]).toEqual([0, 'broken', false]);
    const config = makeTree({ '.greeterrc.json': '{\n  "default": "chinese",\n  "aliases": { zh: "chinese" }\n}\n' });
    const result = await greeter(config, []);
    expect([result.code, codeIn(result.stderr), /line 3, column \d+/.test(result.stderr)]).toEqual([2, 'GREETER_CONFIG_INVALID', true]);
  });

  it('lists a broken plugin with the version its package.json gives, as text and as JSON', async () => {
    const broken = makeTree(
      npmLayout({
        'greeter-plugin-lister': pluginPackage('greeter-plugin-lister', 'x', { version: '2.3.4', languages: ['lister', 'list'] }),
        'greeter-plugin-bad': pluginPackage('greeter-plugin-bad', 'x', { version: '1.2.3', packageJson: { greeterPlugin: { languages: [] } } }),
      }),
    );
    const listed = await greeter(broken, ['list']);
    const rows = listed.stdout.split('\n').map((line) => line.trim().split(/\s{2,}/));
    expect(rows.filter((row) => row.at(-1) === 'broken').map((row) => row.slice(-4, -1))).toEqual(
      expect.arrayContaining([
        ['greeter-plugin-lister', '2.3.4', 'project'],
        ['greeter-plugin-bad', '1.2.3', 'project'],
      ]),
    );
    const json = JSON.parse((await greeter(broken, ['list', '--json'])).stdout);
    const versions = Object.fromEntries(json.plugins.map((plugin: { name: string; version: string | null }) => [plugin.name, plugin.version]));
    expect(versions).toMatchObject({ 'greeter-plugin-lister': '2.3.4', 'greeter-plugin-bad': '1.2.3' });
  });

  it('loads a TypeScript config with top-level await that imports a TypeScript module beside it', async () => {
    const root = makeTree({
      ...npmLayout({ 'greeter-plugin-chinese': chinese }),
      'shared.ts': 'export const language: string = "zh";\n',
      'greeter.config.ts':
        'import { language } from "./shared.ts";\nconst chosen: string = await Promise.resolve(language);\nexport default { default: chosen };\n',
    });
    expect(await greeter(root, [])).toMatchObject({ stdout: '你好宇宙\n', code: 0 });
  });
});
