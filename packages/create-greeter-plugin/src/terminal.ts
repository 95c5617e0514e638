import { createInterface } from 'node:readline/promises';
import { errorFrom } from '@greeter/core';
import { scaffoldMessages } from '@greeter/core/messages';

/**
 * Asks `question` on the terminal and resolves to the answer. Ctrl-C or the
 * end of input (Ctrl-D) cancels with `GREETER_USAGE`: without the signal,
 * readline would leave the question pending and the process would end with
 * exit code 0 and nothing said.
 */
export async function askOnTerminal(question: string): Promise<string> {
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  const cancel = new AbortController();
  prompt.on('SIGINT', () => cancel.abort());
  prompt.on('close', () => cancel.abort());
  try {
    return await prompt.question(question, { signal: cancel.signal });
  } catch (error) {
    if (!cancel.signal.aborted) throw error;
    process.stdout.write('\n');
    throw errorFrom(scaffoldMessages.questionCancelled, {}, { cause: error });
  } finally {
    prompt.close();
  }
}

/** Asks a yes/no question on the terminal; anything but an answer starting with n is yes. */
export async function confirmOnTerminal(question: string): Promise<boolean> {
  return !/^n/i.test((await askOnTerminal(`${question} (Y/n) `)).trim());
}
