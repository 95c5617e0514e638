import type { DiscoveryProblem, LoadedConfig, PluginCandidate } from '@greeter/host';
import type { GreeterError } from '@greeter/core';
import type { TrustReport } from '../registry/verification.js';
import { trustJson } from './trust-text.js';

/**
 * One plugin as every JSON document describes it (`list`, `doctor`): the
 * same fields everywhere, `null` where a value is missing, never left out.
 * `trust` is null where the registry was not asked (`list` without --long).
 */
export function pluginJson(candidate: PluginCandidate, status: string, error: GreeterError | undefined, trust?: TrustReport) {
  const { name, version, languages, source, path, realPath, coreRange, shadows } = candidate;
  return {
    name,
    version: version ?? null,
    languages,
    source,
    status,
    ok: error === undefined && status === 'ok',
    path,
    realPath,
    coreRange: coreRange ?? null,
    shadows: shadows.map((copy) => ({ source: copy.source, version: copy.version ?? null, path: copy.path, realPath: copy.realPath })),
    error: error?.toJSON() ?? null,
    trust: trustJson(trust),
  };
}

/** A package discovery found but cannot use, in the same shape, with `status: "broken"`. */
export function brokenJson({ name, path, source, error }: DiscoveryProblem) {
  return {
    name: name ?? null,
    version: null,
    languages: [],
    source,
    status: 'broken',
    ok: false,
    path,
    realPath: null,
    coreRange: null,
    shadows: [],
    error: error.toJSON(),
    trust: null,
  };
}

/** The config part of every document: the file in force, and the error that kept one out. */
export function configJson(loaded: LoadedConfig | null, error?: GreeterError) {
  return { filepath: loaded?.filepath ?? null, error: error?.toJSON() ?? null };
}
