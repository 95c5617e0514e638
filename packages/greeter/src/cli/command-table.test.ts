import { describe, expect, it } from 'vitest';
import { isReservedWord } from '@greeter/core';
import { commands, globalFlags } from './command-table.js';

describe('the command table', () => {
  it("names every command a user types with one of core's reserved words", () => {
    const typed = commands.filter((command) => !command.hidden && command.name !== 'greet').map((command) => command.name);
    expect(typed.filter((name) => !isReservedWord(name))).toEqual([]);
    expect(typed.length).toBeGreaterThan(0);
  });

  it('names hidden commands with a leading __, which no language word can have', () => {
    const hidden = commands.filter((command) => command.hidden).map((command) => command.name);
    expect(hidden.filter((name) => !name.startsWith('__'))).toEqual([]);
  });

  it('gives every visible command an example that starts with its own name, and every flag one spelling', () => {
    for (const command of commands.filter((spec) => !spec.hidden)) {
      const prefix = command.name === 'greet' ? 'greeter' : `greeter ${command.name}`;
      expect({ command: command.name, examples: command.examples.filter((example) => !example.command.startsWith(prefix)) }).toEqual({
        command: command.name,
        examples: [],
      });
      expect(command.examples.length, command.name).toBeGreaterThan(0);
      const shorts = Object.values({ ...globalFlags, ...command.flags }).flatMap((flag) => (flag.short ? [flag.short] : []));
      expect(new Set(shorts).size, command.name).toBe(shorts.length);
    }
  });
});
