import { errorFrom, isGreeterError, type GreeterError } from '@greeter/core';
import { signatureHints, signatureMessages } from '@greeter/core/messages';
import { fetchPackument, isObject } from './fetch-packument.js';
import type { Registry } from './find-registry.js';
import type { TrustReport } from './verification.js';
import { checkProvenance, checkSignature, provenanceRequired, type VerificationSession } from './verify-version.js';

/**
 * Re-verifies an installed version from its registry, as `npm audit
 * signatures` does: its registry signature and its provenance, each on its
 * own. Never throws for what the registry answers: an unreachable registry,
 * or a version it does not have, is `not-verified`; a signature or
 * provenance that fails is `invalid`, with the reason in `problem`.
 */
export async function reportVersion(session: VerificationSession, registry: Registry, name: string, version: string): Promise<TrustReport> {
  const unverified = (problem: GreeterError): TrustReport => ({
    signature: 'not-verified',
    keyid: null,
    provenance: 'not-verified',
    build: null,
    integrity: null,
    problem: problem.toJSON(),
  });
  let packument: Awaited<ReturnType<typeof fetchPackument>>;
  try {
    packument = await fetchPackument(registry, name, session.timeoutMs);
  } catch (error) {
    if (isGreeterError(error)) return unverified(error);
    throw error;
  }
  if (packument?.versions[version] === undefined) {
    return unverified(errorFrom(signatureMessages.noVersionToVerify, { name, version, registryUrl: registry.url }));
  }
  const target = { registry, packument, version };
  const [signature, provenance] = await Promise.allSettled([checkSignature(session, target), checkProvenance(session, target)]);
  const integrity = (packument.versions[version] as { dist?: unknown }).dist;
  const report: TrustReport = {
    signature: 'not-verified',
    keyid: null,
    provenance: 'not-verified',
    build: null,
    integrity: isObject(integrity) && typeof integrity['integrity'] === 'string' ? integrity['integrity'] : null,
    problem: null,
  };
  if (signature.status === 'fulfilled') {
    report.signature = signature.value.status;
    report.keyid = signature.value.status === 'verified' ? signature.value.keyid : null;
  } else {
    report.signature = statusOf(signature.reason, 'GREETER_SIGNATURE_INVALID');
    report.problem = problemOf(signature.reason, name);
  }
  if (provenance.status === 'fulfilled') {
    report.provenance = provenance.value.status;
    report.build = provenance.value.status === 'verified' ? provenance.value.build : null;
    if (provenance.value.status === 'absent' && session.settings.requireProvenance) report.problem ??= problemOf(provenanceRequired(target), name);
  } else {
    report.provenance = statusOf(provenance.reason, 'GREETER_PROVENANCE_INVALID');
    report.problem ??= problemOf(provenance.reason, name);
  }
  return report;
}

function statusOf(reason: unknown, invalidCode: string): 'invalid' | 'not-verified' {
  if (!isGreeterError(reason)) throw reason;
  return reason.code === invalidCode ? 'invalid' : 'not-verified';
}

// An installed plugin's failure: the catalogue's hint speaks of an install that did not happen.
function problemOf(reason: unknown, name: string): TrustReport['problem'] {
  if (!isGreeterError(reason)) throw reason;
  if (reason.code !== 'GREETER_SIGNATURE_INVALID' && reason.code !== 'GREETER_PROVENANCE_INVALID') return reason.toJSON();
  return { code: reason.code, message: reason.message, hint: signatureHints.installedRefused({ name }) };
}
