import type { DiscoveryProblem, LoadedConfig, PluginCandidate, PluginPlacement } from '@greeter/host';
import { displayText, type GreeterError } from '@greeter/core';
import type { TrustReport } from '../registry/verification.js';
import { trustJson } from './trust-text.js';

/**
 * One plugin as every JSON document describes it (`list`, `doctor`): the
 * same fields everywhere, `null` where a value is missing, never left out.
 * `trust` is null where the registry was not asked (`list` without --long).
 */
export function pluginJson(candidate: PluginCandidate, status: string, error: GreeterError | undefined, placement: PluginPlacement, trust?: TrustReport) {
  const { name, version, languages, source, path, realPath, coreRange, shadows, permissions } = candidate;
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
    runs: placement.isolated ? 'isolated' : 'in-process',
    permissions: { asked: { net: permissions.net === true, env: permissions.env ?? [] }, granted: placement.granted },
    shadows: shadows.map((copy) => ({ source: copy.source, version: copy.version ?? null, path: copy.path, realPath: copy.realPath })),
    error: error?.toJSON() ?? null,
    trust: trustJson(trust),
  };
}

/**
 * What a plugin asks for and what it is granted, in words: `net (granted),
 * WEATHER_API_KEY (asked)`; `-` for nothing either way.
 */
export function permissionsText({ permissions }: PluginCandidate, { granted }: PluginPlacement): string {
  const asked = { net: permissions.net === true, env: permissions.env ?? [] };
  const state = (isAsked: boolean, isGranted: boolean) => (isGranted ? 'granted' : isAsked ? 'asked, not granted' : '');
  const items = [
    ...(asked.net || granted.net ? [`net (${state(asked.net, granted.net)})`] : []),
    ...[...new Set([...asked.env, ...granted.env])].map((name) => `${displayText(name, 60)} (${state(asked.env.includes(name), granted.env.includes(name))})`),
  ];
  return items.length === 0 ? '-' : items.join(', ');
}

/** A package discovery found but cannot use, in the same shape, with `status: "broken"`. */
export function brokenJson({ name, version, path, source, error }: DiscoveryProblem) {
  return {
    name: name ?? null,
    version: version ?? null,
    languages: [],
    source,
    status: 'broken',
    ok: false,
    path,
    realPath: null,
    coreRange: null,
    runs: null,
    permissions: null,
    shadows: [],
    error: error.toJSON(),
    trust: null,
  };
}

/** The config part of every document: the file in force, and the error that kept one out. */
export function configJson(loaded: LoadedConfig | null, error?: GreeterError) {
  return { filepath: loaded?.filepath ?? null, error: error?.toJSON() ?? null };
}
