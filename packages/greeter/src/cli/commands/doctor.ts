import { displayName, displayText, isGreeterError } from '@greeter/core';
import type { Diagnosis, PluginHealth, ResolutionStep } from '@greeter/host';
import { diagnose } from '../../index.js';
import type { TrustReport } from '../../registry/verification.js';
import type { CommandContext, CommandResult } from '../context.js';
import { jsonText, type Paint } from '../output.js';
import { brokenJson, configJson, permissionsText, pluginJson } from '../plugin-json.js';
import { findPluginTrust } from '../plugin-trust.js';
import { withProgress } from '../progress.js';
import { isTrustFailure, trustLine } from '../trust-text.js';

/** Each plugin's registry signature and provenance, by real path. */
type Trust = Map<string, TrustReport>;

/**
 * `greeter doctor [language]`: the config, every folder searched, each
 * plugin loaded and greeted in an isolated process and re-verified from its
 * registry (signature and provenance, as `npm audit signatures`; an
 * unreachable registry leaves it "not verified"), broken and shadowed
 * copies, and how the language resolves. Exit 0 when all is healthy, 1
 * otherwise: an invalid signature or provenance is not healthy.
 */
export async function run(context: CommandContext): Promise<CommandResult> {
  const { args } = context;
  // The registry is asked while the plugins are checked.
  const [diagnosis, trust] = await Promise.all([diagnose({ ...context.hostOptions, language: args.positionals[0] }), trustOf(context)]);
  const healthy = diagnosis.healthy && ![...trust.values()].some(isTrustFailure);
  return {
    exitCode: healthy ? 0 : 1,
    stdout: args.json ? jsonText(toJson(diagnosis, trust, healthy)) : renderReport(diagnosis, trust, healthy, context.paint.stdout),
  };
}

async function trustOf(context: CommandContext): Promise<Trust> {
  try {
    const { config, plugins } = await context.createHost().list();
    const verifying = findPluginTrust(
      plugins.map(({ candidate }) => candidate),
      { cwd: context.cwd, env: context.env, config },
    );
    return await (plugins.length > 0 ? withProgress(context, 'Verifying each plugin with its registry', verifying) : verifying);
  } catch (error) {
    // A config that cannot be loaded is reported by the diagnosis; nothing is verified without it.
    if (isGreeterError(error)) return new Map();
    throw error;
  }
}

function toJson(diagnosis: Diagnosis, trust: Trust, healthy: boolean) {
  const { config, discovery, plugins, language } = diagnosis;
  return {
    schemaVersion: 1,
    ok: healthy,
    config: configJson(config.loaded, config.error),
    searched: discovery.searched,
    notes: discovery.notes,
    plugins: [
      ...plugins.map((plugin) => ({
        ...pluginJson(plugin.candidate, plugin.ok ? 'ok' : 'failed', plugin.error, plugin, trust.get(plugin.candidate.realPath)),
        greeting: plugin.greeting ?? null,
      })),
      ...discovery.problems.map((problem) => ({ ...brokenJson(problem), greeting: null })),
    ],
    language:
      language === undefined
        ? null
        : {
            input: language.input,
            resolved: language.resolution.candidate?.name ?? null,
            error: language.resolution.error?.toJSON() ?? null,
            steps: language.resolution.trace.map(stepJson),
          },
  };
}

// A trace step with every field present (null where it does not apply).
function stepJson(step: ResolutionStep) {
  switch (step.kind) {
    case 'refused':
    case 'alias':
      return step;
    case 'claim':
      return { ...step, winner: step.winner ?? null };
    case 'package':
      return { ...step, problem: step.problem ? brokenJson(step.problem) : null };
  }
}

function renderReport(diagnosis: Diagnosis, trust: Trust, healthy: boolean, paint: Paint): string {
  const ok = paint('green', 'ok');
  const bad = paint('red', 'FAIL');
  const { config, discovery } = diagnosis;
  const lines: string[] = [];
  lines.push(
    `Config: ${config.error ? `${bad} ${config.error.code}: ${displayText(config.error.message, 400)}` : displayText(config.loaded?.filepath ?? 'none found')}`,
  );
  if (config.error) lines.push(`  hint: ${displayText(config.error.hint, 400)}`);
  lines.push('', 'Folders searched, highest precedence first:');
  for (const [index, folder] of discovery.searched.entries()) lines.push(`  ${index + 1}. ${displayText(folder.path)} (${folder.source})`);
  for (const note of discovery.notes) lines.push(`  note: ${displayText(note, 400)}`);
  lines.push('', 'Plugins (each loaded and asked to greet in an isolated process, and re-verified from its registry):');
  if (diagnosis.plugins.length === 0) lines.push('  none');
  for (const plugin of diagnosis.plugins) lines.push(...renderPlugin(plugin, trust.get(plugin.candidate.realPath), ok, bad));
  if (discovery.problems.length > 0) {
    lines.push('', 'Broken packages:');
    for (const problem of discovery.problems) {
      lines.push(
        `  ${bad} ${displayText(problem.name ?? problem.path)} (${problem.source}) ${problem.error.code}: ${displayText(problem.error.message, 400)}`,
        `       hint: ${displayText(problem.error.hint, 400)}`,
      );
    }
  }
  if (diagnosis.language) {
    const { input, resolution } = diagnosis.language;
    lines.push('', `Language ${displayName(input)}:`);
    for (const step of resolution.trace) lines.push(`  ${renderStep(step, discovery.searched.length)}`);
    if (resolution.candidate) lines.push(`  → ${resolution.candidate.name}`);
    else
      lines.push(`  → ${bad} ${resolution.error.code}: ${displayText(resolution.error.message, 400)}`, `     hint: ${displayText(resolution.error.hint, 400)}`);
  }
  lines.push('', healthy ? 'All healthy.' : `${bad}: see above.`);
  return `${lines.join('\n')}\n`;
}

/** One resolution step, as a sentence: the rendering of the trace resolution returned. */
function renderStep(step: ResolutionStep, searchedCount: number): string {
  switch (step.kind) {
    case 'refused':
      return `${displayName(step.input)}: refused before any file was read`;
    case 'alias':
      return `alias ${displayName(step.alias)}: means ${displayName(step.target)} (config aliases)`;
    case 'claim': {
      const verdicts = {
        chosen: 'chosen',
        'lower-source': `lower precedence than ${step.winner ?? 'the plugin chosen'}`,
        'alias-loses-to-carrier': `lists it as an alias; ${step.winner ?? 'another plugin'} carries the name`,
        conflict: 'in conflict: another plugin of the same source claims it too',
      } as const;
      return `${step.name} (${step.source}): ${verdicts[step.verdict]}`;
    }
    case 'package':
      if (step.verdict === 'chosen') return `${step.packageName}: chosen`;
      if (step.verdict === 'broken' && step.problem)
        return `${step.packageName}: found at ${displayText(step.problem.path)} but unusable: ${step.problem.error.code}`;
      return `${step.packageName}: not installed in any of the ${searchedCount} searched folders`;
  }
}

function renderPlugin(plugin: PluginHealth, trust: TrustReport | undefined, ok: string, bad: string): string[] {
  const { candidate, ok: loaded, greeting, error } = plugin;
  const healthy = loaded && !isTrustFailure(trust);
  const head = `  ${healthy ? ok : bad} ${displayText(candidate.languages[0] ?? '-')}  ${candidate.name} ${displayText(candidate.version ?? '')}  ${candidate.source}  ${displayText(candidate.realPath)}`;
  const lines = [loaded ? `${head}  → ${displayText(greeting ?? '', 200)}` : head];
  lines.push(`       greets ${plugin.isolated ? 'isolated' : 'in-process'}; permissions: ${permissionsText(candidate, plugin)}`);
  if (error) lines.push(`       ${error.code}: ${displayText(error.message, 400)}`, `       hint: ${displayText(error.hint, 400)}`);
  if (trust) lines.push(`       ${trustLine(trust)}`);
  if (isTrustFailure(trust)) lines.push(`       hint: ${displayText(trust!.problem?.hint ?? '', 400)}`);
  for (const copy of candidate.shadows)
    lines.push(`       shadows ${candidate.name} ${displayText(copy.version ?? '')} (${copy.source}) at ${displayText(copy.path)}`);
  return lines;
}
