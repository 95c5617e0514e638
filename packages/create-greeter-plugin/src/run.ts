import { createInterface } from 'node:readline/promises';
import { isGreeterError } from '@greeter/core';
import { packageManagerOfThisProcess } from './package-manager.js';
import { helpText, parseArgs } from './parse-args.js';
import { scaffold } from './scaffold.js';

/** The `create-greeter-plugin` executable: wires the real process to {@link scaffold}. */
export async function run(): Promise<void> {
  const print = (line: string) => void process.stdout.write(`${line}\n`);
  try {
    const request = parseArgs(process.argv.slice(2));
    if (request.kind === 'help') {
      process.stdout.write(helpText);
      return;
    }
    await scaffold(request.options, {
      cwd: process.cwd(),
      packageManager: packageManagerOfThisProcess(),
      print,
      confirm: process.stdin.isTTY && process.stdout.isTTY ? ask : undefined,
    });
  } catch (error) {
    if (!isGreeterError(error)) throw error;
    process.stderr.write(`create-greeter-plugin: ${error.message} [${error.code}]\nhint: ${error.hint}\n`);
    process.exitCode = error.exitCode;
  }
}

async function ask(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return !/^n/i.test((await prompt.question(`${question} (Y/n) `)).trim());
  } finally {
    prompt.close();
  }
}
