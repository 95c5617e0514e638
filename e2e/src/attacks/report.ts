import { describe, expect, it } from 'vitest';
import { codeIn, jsonFailure, jsonOutcome } from '../project.js';
import type { Bounded } from '../shell.js';
import type { AsyncGreeter } from './project.js';

// A report that cannot be forged into greeter's voice (CONTRACT §4b):
// whatever an isolated plugin does, greeter prints its greeting or a
// failure attributed to it, never a message, code or hint of greeter's own.
// greeter-plugin-forger writes error reports with the nonce it found in a
// heap snapshot to fd 3 and the descriptors after it, then busy-loops;
// greeter-plugin-mimic prints greeter-like error and hint lines, then greets.

/** The codes a plugin's own failure may end with: nothing about config, usage, registry or signatures. */
export const pluginFailures = [
  'GREETER_GREET_FAILED',
  'GREETER_GREET_TIMEOUT',
  'GREETER_PERMISSION_DENIED',
  'GREETER_PLUGIN_LOAD_FAILED',
  'GREETER_PLUGIN_INVALID',
];

/**
 * The lines of `stderr` in greeter's voice, as a terminal may show them:
 * every control character and escape sequence taken for a line break,
 * those that then begin `greeter:` or `hint:`.
 */
export function greetersVoice(stderr: string): string[] {
  return stderr
    .replace(/\p{Cc}\[[0-?]*[ -/]*[@-~]/gu, '\n')
    .split(/(?!\t)\p{Cc}/u)
    .map((line) => line.trimStart())
    .filter((line) => /^(greeter|hint):/.test(line));
}

/** Whether any of the forger's text shows in greeter's output: on stdout, or on stderr in greeter's voice. */
export function forgedShown(ran: Bounded): boolean {
  return [ran.stdout, ...greetersVoice(ran.stderr)].some((text) => text.includes('FORGED'));
}

/** The report attacks, with the greeter `run()` gives. */
export function describeReportAttacks(run: () => AsyncGreeter): void {
  describe('a plugin speaking in greeter’s voice', () => {
    const forge = (args: string[]) => run()(['forger', '--timeout', '1500', ...args], { timeoutMs: 15_000 });

    it('forged reports (heap snapshot, fd 3 and after, busy loop), --json: a failure of the plugin’s, nothing forged', async () => {
      const ran = await forge(['--json']);
      expect({ ...jsonOutcome(ran), forgedShown: forgedShown(ran) }).toEqual({ ...jsonFailure(expect.toBeOneOf(pluginFailures)), forgedShown: false });
    });

    it('forged reports, as text: exit 1, greeter’s line carries a failure of the plugin’s, nothing forged', async () => {
      const ran = await forge([]);
      expect({ exit: ran.code, stdout: ran.stdout, code: codeIn(greetersVoice(ran.stderr).join('\n')), forgedShown: forgedShown(ran) }).toEqual({
        exit: 1,
        stdout: '',
        code: expect.toBeOneOf(pluginFailures),
        forgedShown: false,
      });
    });

    it('greeter-like lines on the plugin’s stderr and stdout: it greets, and no line in greeter’s voice is the plugin’s', async () => {
      const ran = await run()(['mimic']);
      expect({ exit: ran.code, stdout: ran.stdout, mimicked: greetersVoice(ran.stderr).filter((line) => line.includes('MIMIC')) }).toEqual({
        exit: 0,
        stdout: 'mimic greeting\n',
        mimicked: [],
      });
    });
  });
}
