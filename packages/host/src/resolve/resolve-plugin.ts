import { errorFrom, tryParseLanguageRequest, type GreeterError } from '@greeter/core';
import { discoveryMessages, pluginMessages } from '@greeter/core/messages';
import { sourceRank, type Discovery, type DiscoveryProblem, type PluginCandidate, type PluginSource } from '../types.js';
import { didYouMean } from './did-you-mean.js';

/** What resolution needs besides discovery's result. */
export interface ResolveOptions {
  /** The config's `aliases`, keys lower-cased. */
  aliases?: Record<string, string> | undefined;
  /** The config file in force, named in conflict hints. */
  configFile?: string | undefined;
  /** The command that installs a package, asked only when nothing is found. */
  addCommand?: ((packageName: string, language?: string) => string) | undefined;
}

/** One thing resolution considered, and what became of it: the data `doctor` renders. */
export type ResolutionStep =
  | { kind: 'refused'; input: string }
  | { kind: 'alias'; alias: string; target: string }
  | {
      kind: 'claim';
      name: string;
      source: PluginSource;
      verdict: 'chosen' | 'lower-source' | 'alias-loses-to-carrier' | 'conflict';
      /** The plugin that won, when this one lost. */
      winner?: string | undefined;
    }
  | { kind: 'package'; packageName: string; verdict: 'chosen' | 'broken' | 'not-installed'; problem?: DiscoveryProblem | undefined };

/** How a language argument resolved: the plugin, or the error, and every step on the way. */
export type Resolution =
  | {
      candidate: PluginCandidate;
      error?: undefined;
      /** Whether a plugin claiming the language won (else the argument named the package). */
      byClaim: boolean;
      /** Whether the winner's name carries the language (`greeter-plugin-chinese` for `chinese`). */
      carrier: boolean;
      trace: ResolutionStep[];
    }
  | { candidate?: undefined; error: GreeterError; trace: ResolutionStep[] };

/**
 * Resolves a language argument to one discovered plugin: the config alias
 * first, then the plugins that claim the language, then the conventional
 * package name. Pure: it reads no file and imports nothing. Never throws;
 * the error (`GREETER_INVALID_NAME`, `GREETER_PLUGIN_NOT_FOUND`,
 * `GREETER_PLUGIN_CONFLICT`, or the discovery problem of the plugin asked
 * for) is part of the result.
 */
export function resolvePlugin(discovery: Discovery, input: string, options: ResolveOptions = {}): Resolution {
  const trace: ResolutionStep[] = [];
  const fail = (error: GreeterError): Resolution => ({ error, trace });
  const target = applyAlias(options.aliases, input);
  const request = tryParseLanguageRequest(input) && tryParseLanguageRequest(target);
  if (request === undefined) {
    trace.push({ kind: 'refused', input });
    return fail(errorFrom(pluginMessages.notALanguageRequest, { input }));
  }
  if (target !== input) trace.push({ kind: 'alias', alias: input, target });
  if (request.kind === 'word') {
    const language = request.word.toLowerCase();
    const claims = discovery.candidates.filter((candidate) => candidate.languages.includes(language));
    if (claims.length > 0) return pickClaim(claims, language, options, trace);
  }
  const byName = request.packageName;
  const named = discovery.candidates.find((candidate) => candidate.name === byName);
  if (named) {
    trace.push({ kind: 'package', packageName: named.name, verdict: 'chosen' });
    return { candidate: named, byClaim: false, carrier: false, trace };
  }
  const broken = discovery.problems.find((problem) => problem.name !== undefined && (problem.name === byName || problem.name === target));
  if (broken) {
    trace.push({ kind: 'package', packageName: broken.name!, verdict: 'broken', problem: broken });
    return fail(broken.error);
  }
  if (byName !== undefined) trace.push({ kind: 'package', packageName: byName, verdict: 'not-installed' });
  return fail(notFound(discovery, input, byName, options));
}

/**
 * Whether a resolution over a discovery limited to a few names (the fast
 * path) is the one full discovery would give. Only a plugin claiming the
 * language can be final: every source above its own must have been listed
 * in full, and within its own source it must carry the language's name
 * (which beats every alias there) unless that source was listed in full too.
 */
export function isConclusive(resolution: Resolution, discovery: Discovery, disabled: ReadonlySet<PluginSource> = new Set()): boolean {
  if (resolution.candidate === undefined || !resolution.byClaim) return discovery.only === undefined;
  const complete = (source: PluginSource) => discovery.only === undefined || source === 'config' || disabled.has(source);
  const rank = sourceRank[resolution.candidate.source];
  const above = (Object.keys(sourceRank) as PluginSource[]).filter((source) => sourceRank[source] < rank);
  return above.every(complete) && (resolution.carrier || complete(resolution.candidate.source));
}

// The contract's order: the config's choice (its source ranks first), then the
// higher source, then the plugin whose name carries the language — the
// package the word names by convention, greeter-plugin-chinese for chinese —
// over one that lists it as an alias.
function pickClaim(claims: PluginCandidate[], language: string, options: ResolveOptions, trace: ResolutionStep[]): Resolution {
  const bestRank = Math.min(...claims.map((claim) => sourceRank[claim.source]));
  const top = claims.filter((claim) => sourceRank[claim.source] === bestRank);
  const carrierName = conventionalName(language);
  const carriers = top.filter((claim) => claim.name === carrierName);
  const finalists = carriers.length > 0 ? carriers : top;
  if (finalists.length > 1) {
    for (const claim of claims)
      trace.push({ kind: 'claim', name: claim.name, source: claim.source, verdict: finalists.includes(claim) ? 'conflict' : 'lower-source' });
    const [first, second] = finalists as [PluginCandidate, PluginCandidate];
    const inConfig = first.source === 'config';
    return { error: errorFrom(discoveryMessages.conflict, { language, first, second, configFile: options.configFile, inConfig }), trace };
  }
  const winner = finalists[0]!;
  for (const claim of claims) {
    const verdict = claim === winner ? 'chosen' : sourceRank[claim.source] > bestRank ? 'lower-source' : 'alias-loses-to-carrier';
    trace.push({ kind: 'claim', name: claim.name, source: claim.source, verdict, winner: claim === winner ? undefined : winner.name });
  }
  return { candidate: winner, byClaim: true, carrier: winner.name === carrierName, trace };
}

/** What a config alias makes of the argument: its target, or the argument itself. */
export function applyAlias(aliases: Record<string, string> | undefined, input: string): string {
  const key = input.toLowerCase();
  return aliases && Object.hasOwn(aliases, key) ? aliases[key]! : input;
}

/**
 * The package names a language argument can mean by convention, after the
 * config alias: what the fast path asks the node_modules folders for.
 */
export function conventionalNames(input: string, aliases?: Record<string, string>): string[] {
  const packageName = tryParseLanguageRequest(applyAlias(aliases, input))?.packageName;
  return packageName === undefined ? [] : [packageName];
}

// The package a language word names by convention: `chinese` → `greeter-plugin-chinese`.
function conventionalName(language: string): string | undefined {
  const request = tryParseLanguageRequest(language);
  return request?.kind === 'word' ? request.packageName : undefined;
}

function notFound(discovery: Discovery, input: string, packageName: string | undefined, options: ResolveOptions): GreeterError {
  const known = discovery.candidates.flatMap((candidate) => candidate.languages);
  const installed = discovery.candidates.map((candidate) => candidate.languages[0] ?? candidate.name);
  return errorFrom(discoveryMessages.notSpoken, {
    input,
    packageName,
    target: applyAlias(options.aliases, input),
    suggestion: didYouMean(input, [...known, ...Object.keys(options.aliases ?? {})]),
    installed,
    notes: discovery.notes,
    addCommand: packageName === undefined ? undefined : options.addCommand?.(packageName, input),
  });
}
