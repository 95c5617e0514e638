import path from 'node:path';
import { errorFrom, type GreeterError } from '@greeter/core';
import { provenanceMessages } from '@greeter/core/messages';
import type { TrustMaterial } from '@sigstore/verify';
import { isObject, registryTimeoutMs, type Packument } from './fetch-packument.js';
import type { Registry } from './find-registry.js';
import { fetchProvenanceBundle } from './provenance/fetch-attestations.js';
import { loadTrustMaterial, type TrustRootSource } from './provenance/load-trust-material.js';
import { verifyProvenance } from './provenance/verify-provenance.js';
import { fetchRegistryKeys, type RegistryKey } from './signatures/fetch-registry-keys.js';
import { verifySignature } from './signatures/verify-signature.js';
import type { VerifiedVersion } from './verification.js';

/** What the user asked of verification: the config's `requireProvenance` and `trustedRoot`. */
export interface TrustSettings {
  requireProvenance: boolean;
  trustRoot: TrustRootSource;
}

/**
 * One run's verification: registry keys read once per registry and the
 * trust root loaded once, however many versions are checked.
 */
export interface VerificationSession {
  settings: TrustSettings;
  timeoutMs: number;
  keys(registry: Registry): Promise<RegistryKey[] | undefined>;
  trust(): Promise<TrustMaterial>;
}

/** One version on a registry, with the packument it was chosen from. */
export interface VersionOnRegistry {
  registry: Registry;
  packument: Packument;
  version: string;
}

/** The trust settings a loaded config gives: `trustedRoot` is relative to the config file. */
export function trustSettingsOf(loaded: { config: { requireProvenance?: boolean; trustedRoot?: string }; filepath: string } | null): TrustSettings {
  const trustedRoot = loaded?.config.trustedRoot;
  return {
    requireProvenance: loaded?.config.requireProvenance === true,
    trustRoot:
      trustedRoot === undefined || loaded === null
        ? { file: undefined }
        : { file: path.resolve(path.dirname(loaded.filepath), trustedRoot), configFile: loaded.filepath },
  };
}

/** A {@link VerificationSession} for `settings`; every request it makes waits at most `timeoutMs`. */
export function createVerificationSession(settings: TrustSettings, timeoutMs = registryTimeoutMs): VerificationSession {
  const keys = new Map<string, Promise<RegistryKey[] | undefined>>();
  let trust: Promise<TrustMaterial> | undefined;
  return {
    settings,
    timeoutMs,
    keys(registry) {
      const pending = keys.get(registry.url) ?? fetchRegistryKeys(registry, timeoutMs);
      keys.set(registry.url, pending);
      return pending;
    },
    trust() {
      trust ??= loadTrustMaterial(settings.trustRoot);
      return trust;
    },
  };
}

/**
 * Verifies the exact version `greeter add` and `greeter update` are about to
 * install: its registry signature (the keys, the signature, the key's
 * expiry) and, where it carries one or the config requires one, its
 * provenance. The registry's keys and the attestations are read at once.
 *
 * @throws GreeterError `GREETER_SIGNATURE_INVALID`, `GREETER_PROVENANCE_INVALID`
 *   or `GREETER_REGISTRY_UNREACHABLE`; a signature failure is reported first.
 */
export async function verifyVersion(session: VerificationSession, target: VersionOnRegistry): Promise<VerifiedVersion> {
  const [signature, provenance] = await Promise.allSettled([checkSignature(session, target), checkProvenance(session, target)]);
  if (signature.status === 'rejected') throw signature.reason;
  if (provenance.status === 'rejected') throw provenance.reason;
  if (provenance.value.status === 'absent' && session.settings.requireProvenance) throw provenanceRequired(target);
  return {
    name: target.packument.name,
    version: target.version,
    integrity: integrityOf(target) ?? null,
    tarball: typeof distOf(target)['tarball'] === 'string' ? (distOf(target)['tarball'] as string) : null,
    signature: signature.value,
    provenance: provenance.value,
  };
}

/** The version's registry signature (see {@link verifySignature}). */
export async function checkSignature(session: VerificationSession, target: VersionOnRegistry): Promise<VerifiedVersion['signature']> {
  const { registry, packument, version } = target;
  return verifySignature({
    name: packument.name,
    version,
    integrity: integrityOf(target),
    signatures: distOf(target)['signatures'],
    keys: await session.keys(registry),
    publishedAt: packument.time?.[version],
    registryUrl: registry.url,
  });
}

/** The version's provenance: verified, or absent (see {@link provenanceRequired}). */
export async function checkProvenance(session: VerificationSession, target: VersionOnRegistry): Promise<VerifiedVersion['provenance']> {
  const { registry, packument, version } = target;
  const { name } = packument;
  const bundle = await fetchProvenanceBundle(registry, { name, version, attestations: distOf(target)['attestations'] }, session.timeoutMs);
  if (bundle === undefined) return { status: 'absent' };
  const integrity = integrityOf(target);
  if (integrity === undefined) {
    throw errorFrom(provenanceMessages.nothingToCover, { name, version });
  }
  const trust = await session.trust();
  const manifest = packument.versions[version];
  const build = await verifyProvenance({ name, version, integrity, bundle, repository: manifest?.repository, trust, registryUrl: registry.url });
  return { status: 'verified', build };
}

/** The refusal of a version without provenance where the config requires one (`"requireProvenance": true`). */
export function provenanceRequired({ registry, packument, version }: VersionOnRegistry): GreeterError {
  return errorFrom(provenanceMessages.provenanceRequired, { name: packument.name, version, registryUrl: registry.url });
}

function distOf({ packument, version }: VersionOnRegistry): Record<string, unknown> {
  const dist = packument.versions[version]?.dist;
  return isObject(dist) ? dist : {};
}

function integrityOf(target: VersionOnRegistry): string | undefined {
  const integrity = distOf(target)['integrity'];
  return typeof integrity === 'string' ? integrity : undefined;
}
