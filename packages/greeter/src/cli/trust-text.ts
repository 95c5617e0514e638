import { displayText } from '@greeter/core';
import type { BuildOrigin, TrustReport, VerifiedVersion } from '../registry/verification.js';

/** What `greeter add` prints under its result: the signature and the provenance it verified before installing. */
export function verifiedLines(verified: VerifiedVersion, registryUrl: string): string[] {
  const { signature, provenance } = verified;
  return [
    signature.status === 'verified'
      ? `  signature: verified, made with the registry's key ${displayText(signature.keyid, 80)}`
      : `  signature: none, the registry does not sign (${displayText(registryUrl)})`,
    ...(provenance.status === 'verified' ? buildLines(provenance.build) : ['  provenance: none published']),
  ];
}

/** The fields `greeter add --json` adds: the same as `trust` in `list --long --json` and `doctor --json`, less `problem`. */
export function verifiedJson(verified: VerifiedVersion) {
  const { signature, provenance } = verified;
  return {
    integrity: verified.integrity,
    signature: signature.status,
    keyid: signature.status === 'verified' ? signature.keyid : null,
    provenance: provenance.status,
    build: provenance.status === 'verified' ? provenance.build : null,
  };
}

/** A plugin's `trust` in `list --long --json` and `doctor --json`; null where it was not asked of the registry. */
export function trustJson(report: TrustReport | undefined) {
  if (report === undefined) return null;
  const { integrity, signature, keyid, provenance, build, problem } = report;
  return { integrity, signature, keyid, provenance, build, problem };
}

/** One line on a plugin's signature and provenance, for `list --long` and `doctor`. */
export function trustLine(report: TrustReport): string {
  const signature = {
    verified: `signature verified (${displayText(report.keyid ?? '', 80)})`,
    unsupported: 'not signed: the registry does not sign',
    invalid: 'signature INVALID',
    'not-verified': 'signature not verified',
  }[report.signature];
  const provenance = {
    verified: report.build
      ? `built from ${displayText(report.build.repository, 120)} at ${displayText(report.build.commit.slice(0, 12), 12)}`
      : 'provenance verified',
    absent: 'no provenance',
    invalid: 'provenance INVALID',
    'not-verified': 'provenance not verified',
  }[report.provenance];
  const why = report.problem === null ? '' : `: ${displayText(report.problem.message, 400)} [${report.problem.code}]`;
  return `${signature}; ${provenance}${why}`;
}

/** True when a re-verification found a real failure (not an unreachable registry). */
export function isTrustFailure(report: TrustReport | undefined): boolean {
  return report !== undefined && (report.signature === 'invalid' || report.provenance === 'invalid' || report.problem?.code === 'GREETER_PROVENANCE_INVALID');
}

function buildLines(build: BuildOrigin): string[] {
  const lines = [
    `  provenance: built from ${displayText(build.repository, 200)} at commit ${displayText(build.commit, 64)} by ${displayText(build.builder, 200)}`,
  ];
  if (build.workflow !== null) lines.push(`              workflow ${displayText(build.workflow, 300)}`);
  if (build.invocation !== null) lines.push(`              run ${displayText(build.invocation, 300)}`);
  return lines;
}
