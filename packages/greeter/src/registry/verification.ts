import type { SerializedGreeterError } from '@greeter/core';

/**
 * Where a version's registry signature stands:
 * - `verified`: a signature made with one of the registry's keys, valid
 *   when the version was published, covers its name, version and integrity;
 * - `unsupported`: the registry publishes no keys (it does not sign);
 * - `invalid`: a signature failed, names an unknown or expired key, or is
 *   missing while the registry publishes keys;
 * - `not-verified`: it could not be checked (registry unreachable, a local
 *   folder, a version the registry does not have). Never a failure.
 */
export type SignatureStatus = 'verified' | 'unsupported' | 'invalid' | 'not-verified';

/**
 * Where a version's provenance stands: `verified` (a Sigstore bundle of SLSA
 * provenance for exactly this tarball, from a build the certificate names),
 * `absent` (the version carries none), `invalid`, or `not-verified`.
 */
export type ProvenanceStatus = 'verified' | 'absent' | 'invalid' | 'not-verified';

/** The build a verified provenance attestation names: the identity Sigstore's certificate vouches for. */
export interface BuildOrigin {
  /** The source repository, e.g. `https://github.com/acme/greeter-plugin-klingon`. */
  repository: string;
  /** The commit the build ran on. */
  commit: string;
  /** The build platform's id, e.g. `https://github.com/actions/runner/github-hosted`. */
  builder: string;
  /** The workflow (build instructions) that signed, e.g. `…/.github/workflows/release.yml@refs/tags/v1.0.0`. */
  workflow: string | null;
  /** The run that made it, e.g. `…/actions/runs/1/attempts/1`. */
  invocation: string | null;
}

/** One exact version, as `add` and `update` verified it before installing it. */
export interface VerifiedVersion {
  name: string;
  version: string;
  /** The tarball's integrity (`sha512-…`) the signature and provenance cover, and the install must match; null when the registry gives none. */
  integrity: string | null;
  /** Where the registry serves that tarball (`dist.tarball`); null when it gives none. */
  tarball: string | null;
  signature: { status: 'verified'; keyid: string } | { status: 'unsupported' };
  provenance: { status: 'verified'; build: BuildOrigin } | { status: 'absent' };
}

/** What `doctor`, `list --long` and `info` say about an installed plugin's origin. */
export interface TrustReport {
  signature: SignatureStatus;
  /** The registry key that made the signature, when verified. */
  keyid: string | null;
  provenance: ProvenanceStatus;
  build: BuildOrigin | null;
  /** The integrity the registry publishes for this version, when it was read. */
  integrity: string | null;
  /** Why something is invalid or not verified; null when all that could be checked passed. */
  problem: SerializedGreeterError | null;
}
