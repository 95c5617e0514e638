import { displayName, isGreeterError, parseLanguageRequest } from '@greeter/core';
import { sourceRank, type Discovery, type PluginCandidate } from '../types.js';
import { applyAlias, conventionalName, resolvePlugin, type ResolveOptions } from './resolve-plugin.js';

/** One name resolution considered, and what became of it. */
export interface ResolutionStep {
  /** The name tried: an alias, a plugin claiming the language, a package name. */
  candidate: string;
  verdict: string;
}

/** How a language argument resolved, step by step, for `greeter doctor`. */
export interface ResolutionExplanation {
  input: string;
  steps: ResolutionStep[];
  /** The package it resolved to, if it did. */
  resolved?: string | undefined;
  error?: { code: string; message: string; hint: string } | undefined;
}

/**
 * Explains the resolution of one language argument: the alias applied, every
 * plugin that claims the language and why each lost, the conventional
 * package name tried and where it was (not) found. The verdict itself comes
 * from {@link resolvePlugin}, so the explanation cannot disagree with it.
 */
export function explainResolution(discovery: Discovery, input: string, options: ResolveOptions = {}): ResolutionExplanation {
  const steps: ResolutionStep[] = [];
  let resolved: PluginCandidate | undefined;
  let error: ResolutionExplanation['error'];
  try {
    resolved = resolvePlugin(discovery, input, options);
  } catch (caught) {
    if (!isGreeterError(caught)) throw caught;
    error = caught.toJSON();
  }
  if (error?.code === 'GREETER_INVALID_NAME') return { input, steps: [{ candidate: displayName(input), verdict: 'refused before any file was read' }], error };
  const target = applyAlias(options.aliases, input);
  if (target !== input) steps.push({ candidate: `alias ${displayName(input)}`, verdict: `means ${displayName(target)} (config aliases)` });
  const request = parseLanguageRequest(target);
  if (request.kind === 'word') {
    const language = request.word.toLowerCase();
    for (const claim of discovery.candidates.filter((candidate) => candidate.languages.includes(language))) {
      steps.push({ candidate: `${claim.name} (${claim.source})`, verdict: claimVerdict(claim, language, resolved, error) });
    }
  }
  const packageName = request.packageName;
  if (packageName !== undefined && !steps.some((step) => step.candidate.startsWith(`${packageName} (`))) {
    steps.push({ candidate: packageName, verdict: packageVerdict(discovery, packageName, resolved) });
  }
  return { input, steps, resolved: resolved?.name, error };
}

function claimVerdict(
  claim: PluginCandidate,
  language: string,
  resolved: PluginCandidate | undefined,
  error: ResolutionExplanation['error'],
): string {
  if (resolved === claim) return 'chosen';
  if (error?.code === 'GREETER_PLUGIN_CONFLICT') return 'in conflict: another plugin of the same source claims it too';
  if (resolved === undefined) return `not chosen: ${error?.code ?? 'unresolved'}`;
  if (sourceRank[claim.source] > sourceRank[resolved.source]) return `lower precedence than ${resolved.name} (${resolved.source})`;
  if (conventionalName(language) === resolved.name) return `lists it as an alias; ${resolved.name} carries the name`;
  return `not chosen: ${resolved.name} won`;
}

function packageVerdict(discovery: Discovery, packageName: string, resolved: PluginCandidate | undefined): string {
  if (resolved?.name === packageName) return 'chosen';
  const problem = discovery.problems.find((entry) => entry.name === packageName);
  if (problem) return `found at ${problem.path} but unusable: ${problem.error.code}: ${problem.error.message}`;
  const where = discovery.searched.length > 0 ? `${discovery.searched.length} searched folders` : 'the config';
  return `not installed in any of the ${where}`;
}
