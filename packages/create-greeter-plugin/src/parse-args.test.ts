import { describe, expect, it } from 'vitest';
import { parseArgs } from './parse-args.js';

describe('parseArgs', () => {
  it('passes a scoped language and the flags on', () => {
    expect(parseArgs(['@acme/klingon', '--dir=plugins/tlh', '-y'])).toEqual({
      kind: 'scaffold',
      options: { language: '@acme/klingon', dir: 'plugins/tlh', yes: true },
    });
  });

  it('leaves the language out when none is given, for the scaffolder to ask', () => {
    expect(parseArgs(['--scope', '@acme'])).toEqual({ kind: 'scaffold', options: { scope: '@acme', language: undefined } });
  });

  it.each([[['klingon', 'pirate']], [['--scope']], [['--nope']]])('refuses %j with GREETER_USAGE', (argv) => {
    expect(() => parseArgs(argv)).toThrow(expect.objectContaining({ code: 'GREETER_USAGE' }));
  });
});
