import { createHost } from '../../index.js';
import type { CliArgs } from '../parse-args.js';
import type { CliIO } from '../render.js';

/** `greeter [language]`: prints the greeting alone on stdout. */
export async function runGreet(args: CliArgs, io: CliIO, cwd: string): Promise<number> {
  const host = createHost({
    cwd,
    configFile: args.config,
    plugins: args.plugins,
    timeoutMs: args.timeoutMs,
    isolate: args.isolate,
    env: io.env,
  });
  const { greeting, plugin } = await host.greet(args.language, args.name === undefined ? {} : { name: args.name });
  if (args.json) {
    const { name, version, source, languages } = plugin;
    io.stdout.write(`${JSON.stringify({ greeting, plugin: { name, version, source, language: languages[0] } })}\n`);
  } else {
    io.stdout.write(`${greeting}\n`);
  }
  return 0;
}
