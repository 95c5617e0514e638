import type { ListedPlugin, LoadedConfig } from '@greeter/host';
import type { VersionChoice } from '../../registry/choose-version.js';
import type { Packument } from '../../registry/fetch-packument.js';
import type { Registry } from '../../registry/find-registry.js';
import type { TrustReport } from '../../registry/verification.js';
import { trustJson } from '../trust-text.js';
import { askedPermissions, grantOf } from '@greeter/host/stages';

/** What `greeter info` found: the installed copy greeter would use, and the registry's versions. */
export interface PluginInfo {
  name: string;
  installed: { plugin: ListedPlugin; config: LoadedConfig | null } | undefined;
  registry: { registry: Registry; packument: Packument; choice: VersionChoice } | undefined;
  /** The installed version (or the one `add` would install) re-verified from the registry: signature and provenance. */
  trust: TrustReport | undefined;
}

/** The JSON document of `greeter info --json` (schemas/info.schema.json). */
export function infoJson({ name, installed, registry, trust }: PluginInfo) {
  const candidate = installed?.plugin.candidate;
  const chosen =
    registry?.choice.kind === 'compatible' ? registry.choice.plugin : registry?.choice.kind === 'incompatible' ? registry.choice.newest : undefined;
  const description = candidate?.packageJson['description'] ?? chosen?.description;
  return {
    schemaVersion: 1,
    ok: true,
    name,
    description: typeof description === 'string' ? description : null,
    languages: candidate?.languages ?? chosen?.languages ?? [],
    installed:
      candidate === undefined
        ? null
        : {
            version: candidate.version ?? null,
            source: candidate.source,
            status: installed!.plugin.status,
            compatible: installed!.plugin.compatibility.compatible,
            coreRange: candidate.coreRange ?? null,
            path: candidate.path,
            realPath: candidate.realPath,
            shadows: candidate.shadows.map((copy) => ({ source: copy.source, version: copy.version ?? null, path: copy.path })),
          },
    registry:
      registry === undefined
        ? null
        : {
            url: registry.registry.url,
            latest: registry.choice.latest ?? null,
            compatible: registry.choice.kind === 'compatible' ? registry.choice.plugin.version : null,
            versions: Object.keys(registry.packument.versions).length,
          },
    trust: trustJson(trust),
    runs: installed === undefined ? null : installed.plugin.isolated ? 'isolated' : 'in-process',
    permissions: {
      asked: askedPermissions(candidate?.packageJson ?? (chosen ? (registry?.packument.versions[chosen.version] ?? {}) : {})),
      granted: grantOf(name, installed?.config ?? null),
    },
  };
}
