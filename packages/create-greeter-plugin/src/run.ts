import { isGreeterError } from '@greeter/core';
import { packageManagerOfThisProcess } from './package-manager.js';
import { helpText, parseArgs } from './parse-args.js';
import { scaffold } from './scaffold.js';
import { askOnTerminal, confirmOnTerminal } from './terminal.js';

/** The `create-greeter-plugin` executable: wires the real process to {@link scaffold}. */
export async function run(): Promise<void> {
  const print = (line: string) => void process.stdout.write(`${line}\n`);
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
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
      confirm: interactive ? confirmOnTerminal : undefined,
      ask: interactive ? askOnTerminal : undefined,
    });
  } catch (error) {
    if (!isGreeterError(error)) throw error;
    process.stderr.write(`create-greeter-plugin: ${error.message} [${error.code}]\nhint: ${error.hint}\n`);
    process.exitCode = error.exitCode;
  }
}
