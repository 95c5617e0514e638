import { describe, expect, it } from 'vitest';
import { thrownCode } from '@greeter/fixtures';
import { commands } from './command-table.js';
import { parseArgs } from './parse-args.js';

const usageMessage = (argv: string[]) => {
  try {
    parseArgs(argv);
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
};

describe('parseArgs, driven by the command table', () => {
  it('takes the first positional as a command when it names one, else as the language', () => {
    expect(parseArgs(['list', '--long'])).toMatchObject({ command: 'list', positionals: [], flags: { long: true } });
    expect(parseArgs(['chinese', '--name', 'Ada'])).toMatchObject({ command: 'greet', positionals: ['chinese'], flags: { name: 'Ada' } });
    expect(parseArgs([])).toMatchObject({ command: 'greet', positionals: [] });
    expect(parseArgs(['--cwd', 'list', 'doctor'])).toMatchObject({ command: 'doctor', flags: { cwd: 'list' } });
  });

  it('reads negations only of the flags that have them', () => {
    expect(parseArgs(['--no-color', '--no-isolate'])).toMatchObject({ color: false, flags: { isolate: false } });
    expect(parseArgs(['--color'])).toMatchObject({ color: true });
    expect(thrownCode(() => parseArgs(['--no-json']))).toBe('GREETER_USAGE');
  });

  it.each([
    [['--nam', 'x'], '--name'],
    [['list', '--lon'], '--long'],
    [['--jsno'], '--json'],
  ])('suggests the nearest flag for %j', (argv, suggestion) => {
    expect(thrownCode(() => parseArgs(argv))).toBe('GREETER_USAGE');
    expect(usageMessage(argv)).toContain(suggestion);
  });

  it('names the command a flag belongs to when it is given to another', () => {
    expect(usageMessage(['doctor', '--long'])).toContain('greeter list');
  });

  it.each([[['--timeout', '0']], [['--timeout', '1.5']], [['--name']], [['--json=yes']], [['add']], [['list', 'extra']], [['a', 'b']], [['completion']]])(
    'refuses %j as usage',
    (argv) => {
      expect(thrownCode(() => parseArgs(argv))).toBe('GREETER_USAGE');
    },
  );

  it('says what is wrong with a missing value, an unwanted one and one that starts with a dash', () => {
    expect([usageMessage(['--name']), usageMessage(['--json=yes']), usageMessage(['--timeout', '-1'])]).toEqual([
      expect.stringContaining('--name needs a value.'),
      expect.stringContaining('--json takes no value.'),
      expect.stringContaining('--timeout=<value>'),
    ]);
  });

  it('knows every command of the table, and --help for each without its arguments', () => {
    for (const command of commands.filter((spec) => spec.name !== 'greet')) {
      expect(parseArgs([command.name, '--help'])).toMatchObject({ command: command.name, flags: { help: true } });
    }
  });
});
