import { statSync } from 'node:fs';
import path from 'node:path';
import { GreeterError, displayName } from '@greeter/core';
import { runGreet } from './commands/greet.js';
import { parseArgs, type CliArgs } from './parse-args.js';
import { createPaint, renderError, type CliIO } from './render.js';

/** Everything the CLI reads from its process, passed in so tests need no globals. */
export interface CliContext extends CliIO {
  argv: readonly string[];
  cwd: string;
}

/**
 * Runs one greeter command and returns its exit code. The only place that
 * decides exit codes; every command but the greeting is imported only when it runs.
 */
export async function main(context: CliContext): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(context.argv);
  } catch (error) {
    const json = context.argv.includes('--json');
    return renderError(error, context, { json, paint: createPaint(context, undefined) });
  }
  const paint = createPaint(context, args.color);
  try {
    switch (args.command) {
      case 'help': {
        const { helpText } = await import('./help.js');
        context.stdout.write(helpText);
        return 0;
      }
      case 'version': {
        const { version } = await import('./version.js');
        context.stdout.write(args.json ? `${JSON.stringify({ version })}\n` : `${version}\n`);
        return 0;
      }
      case 'list': {
        const { runList } = await import('./commands/list.js');
        return await runList(args, context, resolveCwd(context.cwd, args.cwd), paint);
      }
      case 'doctor': {
        const { runDoctor } = await import('./commands/doctor.js');
        return await runDoctor(args, context, resolveCwd(context.cwd, args.cwd), paint);
      }
      case 'add': {
        const { runAdd } = await import('./commands/add.js');
        return await runAdd(args, context, resolveCwd(context.cwd, args.cwd));
      }
      case 'remove': {
        const { runRemove } = await import('./commands/remove.js');
        return await runRemove(args, context, resolveCwd(context.cwd, args.cwd));
      }
      case 'greet':
        // Imported statically: greeting is the path start-up time is judged on.
        return await runGreet(args, context, resolveCwd(context.cwd, args.cwd));
    }
  } catch (error) {
    return renderError(error, context, { json: args.json, paint });
  }
}

function resolveCwd(base: string, flag: string | undefined): string {
  if (flag === undefined) return base;
  const folder = path.resolve(base, flag);
  let isFolder = false;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    // Missing or unreadable: reported just below.
  }
  if (!isFolder) throw new GreeterError('GREETER_USAGE', `--cwd ${displayName(folder, 200)} is not a folder.`);
  return folder;
}
