import { describe, expect, it } from 'vitest';
import { complete, type CompletionSources } from './complete.js';

// The one function every shell's script asks, with the sources as data.
const asked: Array<{ cwd: string | undefined; configFile: string | undefined }> = [];
const sources: CompletionSources = {
  languages: async (where) => {
    asked.push(where);
    return ['chinese', 'english', 'zh'];
  },
  installed: async () => ['greeter-plugin-chinese'],
  searched: async () => ['greeter-plugin-esperanto', 'esperanto'],
};

const words = async (line: string[]) => {
  const answer = await complete(line, sources);
  return answer.kind === 'words' ? answer.words : answer.kind;
};

describe('complete', () => {
  it('offers commands and installed languages for the first word, hidden commands left out', async () => {
    expect(await words(['li'])).toEqual(['list']);
    expect(await words(['ch'])).toEqual(['chinese']);
    const first = await words(['']);
    expect(first).toEqual(expect.arrayContaining(['list', 'outdated', 'update', 'info', 'init', 'zh']));
    expect((first as string[]).filter((word) => word.startsWith('__') || word === 'greet')).toEqual([]);
  });

  it("offers each command's flags with the global ones, and the greeting's before any command", async () => {
    expect(await words(['list', '--lo'])).toEqual(['--long']);
    expect(await words(['add', '--re'])).toEqual(['--registry']);
    expect(await words(['--na'])).toEqual(['--name']);
    expect(await words(['list', '--na'])).toEqual([]);
    expect(await words(['update', '--no-'])).toEqual(['--no-isolate', '--no-color']);
  });

  it("offers each argument's values: languages, installed plugins, searched and installed names for add, commands, shells", async () => {
    expect(await words(['doctor', 'z'])).toEqual(['zh']);
    expect(await words(['remove', ''])).toEqual(['greeter-plugin-chinese']);
    expect(await words(['update', 'greeter-plugin-chinese', 'g'])).toEqual(['greeter-plugin-chinese']);
    expect(await words(['add', 'es'])).toEqual(['esperanto']);
    expect(await words(['add', ''])).toEqual(['greeter-plugin-esperanto', 'esperanto', 'greeter-plugin-chinese']);
    expect(await words(['help', 'out'])).toEqual(['outdated']);
    expect(await words(['completion', 'f'])).toEqual(['fish']);
    expect(await words(['list', ''])).toEqual([]);
  });

  it('leaves paths to the shell after a flag that takes one, and reads --cwd and --config for the languages', async () => {
    expect(await words(['--cwd', ''])).toBe('folders');
    expect(await words(['list', '--config', 'gr'])).toBe('files');
    asked.length = 0;
    await words(['--cwd', 'sub', '--config=c.json', 'doctor', '']);
    expect(asked).toEqual([{ cwd: 'sub', configFile: 'c.json' }]);
  });

  it('takes a value flag’s value for a value, not for a command', async () => {
    expect(await words(['--timeout', '10', 'li'])).toEqual(['list']);
    expect(await words(['--cwd', 'list', ''])).toEqual(expect.arrayContaining(['list', 'chinese']));
  });
});
