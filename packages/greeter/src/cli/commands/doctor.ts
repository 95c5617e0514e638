import type { Diagnosis, PluginHealth } from '@greeter/host';
import { diagnose } from '../../index.js';
import type { CliArgs } from '../parse-args.js';
import type { CliIO, Paint } from '../render.js';

/**
 * `greeter doctor [language]`: the config, every folder searched, each plugin
 * loaded in a worker and checked, broken and shadowed copies, and how the
 * language resolves. Exit 0 when all is healthy, 1 otherwise.
 */
export async function runDoctor(args: CliArgs, io: CliIO, cwd: string, paint: Paint): Promise<number> {
  const diagnosis = await diagnose({ cwd, configFile: args.config, plugins: args.plugins, timeoutMs: args.timeoutMs, env: io.env, language: args.language });
  io.stdout.write(args.json ? `${JSON.stringify(toJson(diagnosis), null, 2)}\n` : renderReport(diagnosis, paint));
  return diagnosis.healthy ? 0 : 1;
}

function toJson(diagnosis: Diagnosis) {
  return {
    healthy: diagnosis.healthy,
    config: diagnosis.config,
    searched: diagnosis.searched,
    plugins: diagnosis.plugins.map(({ candidate, ok, greeting, error }) => ({
      name: candidate.name,
      version: candidate.version ?? null,
      languages: candidate.languages,
      source: candidate.source,
      path: candidate.path,
      realPath: candidate.realPath,
      shadows: candidate.shadows,
      ok,
      greeting: greeting ?? null,
      error: error ?? null,
    })),
    problems: diagnosis.problems.map(({ name, path, source, error }) => ({ name: name ?? null, path, source, error: error.toJSON() })),
    language: diagnosis.language ?? null,
  };
}

function renderReport(diagnosis: Diagnosis, paint: Paint): string {
  const ok = paint.bold('ok');
  const bad = paint.red('FAIL');
  const lines: string[] = [];
  const { config } = diagnosis;
  lines.push(`Config: ${config.error ? `${bad} ${config.error.code}: ${config.error.message}` : (config.filepath ?? 'none found')}`);
  if (config.error) lines.push(`  hint: ${config.error.hint}`);
  lines.push('', 'Folders searched, highest precedence first:');
  for (const [index, folder] of diagnosis.searched.entries()) lines.push(`  ${index + 1}. ${folder.path} (${folder.source})`);
  lines.push('', 'Plugins (each loaded in a worker and asked to greet):');
  if (diagnosis.plugins.length === 0) lines.push('  none');
  for (const plugin of diagnosis.plugins) lines.push(...renderPlugin(plugin, ok, bad));
  if (diagnosis.problems.length > 0) {
    lines.push('', 'Broken packages:');
    for (const problem of diagnosis.problems) {
      lines.push(`  ${bad} ${problem.name ?? problem.path} (${problem.source}) ${problem.error.code}: ${problem.error.message}`, `       hint: ${problem.error.hint}`);
    }
  }
  if (diagnosis.language) {
    const { input, steps, resolved, error } = diagnosis.language;
    lines.push('', `Language ${JSON.stringify(input)}:`);
    for (const step of steps) lines.push(`  ${step.candidate}: ${step.verdict}`);
    lines.push(resolved ? `  → ${resolved}` : `  → ${bad} ${error?.code}: ${error?.message}`);
    if (error) lines.push(`     hint: ${error.hint}`);
  }
  lines.push('', diagnosis.healthy ? 'All healthy.' : `${bad}: see above.`);
  return `${lines.join('\n')}\n`;
}

function renderPlugin({ candidate, ok: healthy, greeting, error }: PluginHealth, ok: string, bad: string): string[] {
  const head = `  ${healthy ? ok : bad} ${candidate.languages[0] ?? '-'}  ${candidate.name} ${candidate.version ?? ''}  ${candidate.source}  ${candidate.realPath}`;
  const lines = [healthy ? `${head}  → ${greeting}` : head];
  if (error) lines.push(`       ${error.code}: ${error.message}`, `       hint: ${error.hint}`);
  for (const copy of candidate.shadows) lines.push(`       shadows ${candidate.name} ${copy.version ?? ''} (${copy.source}) at ${copy.path}`);
  return lines;
}
