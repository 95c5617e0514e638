import { GreeterError, displayName, languageFromPackageName, parseLanguageRequest } from '@greeter/core';
import { installCommand, type PackageManager } from '../package-manager.js';
import { sourceRank, type Discovery, type PluginCandidate } from '../types.js';
import { didYouMean } from './did-you-mean.js';

/** What resolution needs besides discovery's result. */
export interface ResolveOptions {
  /** The config's `aliases`, keys lower-cased. */
  aliases?: Record<string, string> | undefined;
  /** The config file in force, named in conflict hints. */
  configFile?: string | undefined;
  /** Asked only when nothing is found, to write the install command. */
  packageManager?: () => PackageManager;
}

/**
 * Resolves a language argument to one discovered plugin: aliases first, then
 * the languages plugins declare, then the conventional package name. Pure: it
 * reads no file and imports nothing.
 *
 * @throws GreeterError `GREETER_INVALID_NAME`, `GREETER_PLUGIN_NOT_FOUND`,
 *   `GREETER_PLUGIN_CONFLICT`, or the discovery problem of the plugin asked for.
 */
export function resolvePlugin(discovery: Discovery, input: string, options: ResolveOptions = {}): PluginCandidate {
  parseLanguageRequest(input);
  const target = applyAlias(options.aliases, input);
  const request = parseLanguageRequest(target);
  if (request.kind === 'word') {
    const language = request.word.toLowerCase();
    const claims = discovery.candidates.filter((candidate) => candidate.languages.includes(language));
    if (claims.length > 0) return pickClaim(claims, language, options);
  }
  const byName = request.packageName;
  const named = discovery.candidates.find((candidate) => candidate.name === byName);
  if (named) return named;
  const broken = discovery.problems.find(
    (problem) => problem.name !== undefined && (problem.name === byName || problem.name === target),
  );
  if (broken) throw broken.error;
  throw notFound(discovery, input, byName, options);
}

// The contract's order: the config's choice (its source ranks first), then the
// higher source, then the plugin whose name carries the language — the
// package the word names by convention, greeter-plugin-chinese for chinese —
// over one that lists it as an alias.
function pickClaim(claims: PluginCandidate[], language: string, options: ResolveOptions): PluginCandidate {
  const bestRank = Math.min(...claims.map((claim) => sourceRank[claim.source]));
  const top = claims.filter((claim) => sourceRank[claim.source] === bestRank);
  const carrier = conventionalName(language);
  const carriers = top.filter((claim) => claim.name === carrier);
  const finalists = carriers.length > 0 ? carriers : top;
  if (finalists.length === 1) return finalists[0]!;
  const [first, second] = finalists as [PluginCandidate, PluginCandidate];
  const where = options.configFile ?? '.greeterrc.json';
  throw new GreeterError(
    'GREETER_PLUGIN_CONFLICT',
    `Both ${first.name} (${first.origin}) and ${second.name} (${second.origin}) speak ${displayName(language)}.`,
    { hint: `Pick one in ${where}: "plugins": ["${first.name}"] (or "${second.name}").` },
  );
}

/** What a config alias makes of the argument: its target, or the argument itself. */
export function applyAlias(aliases: Record<string, string> | undefined, input: string): string {
  const key = input.toLowerCase();
  return aliases && Object.hasOwn(aliases, key) ? aliases[key]! : input;
}

/** The package a language word names by convention: `chinese` → `greeter-plugin-chinese`. */
export function conventionalName(language: string): string | undefined {
  try {
    const request = parseLanguageRequest(language);
    return request.kind === 'word' ? request.packageName : undefined;
  } catch {
    // Not a word (an alias written by a plugin need not be one): no package carries it.
    return undefined;
  }
}

function notFound(
  discovery: Discovery,
  input: string,
  packageName: string | undefined,
  options: ResolveOptions,
): GreeterError {
  const known = discovery.candidates.flatMap((candidate) => candidate.languages);
  const installed = discovery.candidates.map((candidate) => candidate.languages[0] ?? candidate.name);
  const suggestion = didYouMean(input, [...known, ...Object.keys(options.aliases ?? {})]);
  const hints = [
    suggestion === undefined ? undefined : `Did you mean ${displayName(suggestion)}?`,
    `Installed: ${installed.length > 0 ? installed.join(', ') : 'none'}.`,
    packageName === undefined
      ? 'Find more with `npm search keywords:greeter-plugin`.'
      : `To add it: \`${installCommand(options.packageManager?.() ?? 'npm', packageName)}\`.`,
  ];
  const missing =
    packageName === undefined || languageFromPackageName(packageName) === input.toLowerCase()
      ? 'no installed plugin provides it'
      : `${packageName} is not installed`;
  return new GreeterError('GREETER_PLUGIN_NOT_FOUND', `Greeter doesn't speak ${displayName(input)}: ${missing}.`, {
    hint: hints.filter(Boolean).join(' '),
  });
}
