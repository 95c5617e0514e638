import { errorFrom, type GreeterError } from '@greeter/core';
import { installMessages } from '@greeter/core/messages';
import type { Registry } from '../../registry/find-registry.js';

// What a package manager's failed install was, read from what it printed:
// each manager words a network failure and a tarball that does not match
// its integrity in its own way (npm and yarn 1 name Node's error codes,
// pnpm and bun their own, Yarn 2+ a numbered YN code).

/** Why a package manager failed, when its output says: the registry, or a tarball's integrity. */
export type ManagerFailure = 'network' | 'integrity';

const integrity = [
  /\bEINTEGRITY\b/, // npm
  /integrity check(sum)? failed/i, // npm ("integrity checksum failed"), yarn 1, pnpm, bun ("Integrity check failed")
  /IntegrityCheckFailed/, // bun
  /Failed to verify the integrity/i, // pnpm
  /ERR_PNPM_TARBALL_INTEGRITY/,
  /\bYN0018\b/, // Yarn 2+: "The remote archive doesn't match the expected checksum"
  /doesn't match the expected checksum/,
];

const network = [
  /\b(ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)\b/, // npm, yarn 1 and 2+ (Node's codes)
  /getaddrinfo/,
  /\b(ConnectionRefused|ConnectionClosed|DNSResolveFailed|ConnectionTimedOut)\b/, // bun
  /Connection refused|tcp connect error|dns error|error sending request/i, // pnpm
  /ERR_PNPM_[A-Z_]*(NETWORK_ERROR|FETCH_FAIL)/,
  /trouble with your network connection/, // yarn 1
];

/** What a failed install's output says went wrong; undefined when it is neither the network nor an integrity check. */
export function classifyManagerOutput(output: string): ManagerFailure | undefined {
  if (integrity.some((pattern) => pattern.test(output))) return 'integrity';
  if (network.some((pattern) => pattern.test(output))) return 'network';
  return undefined;
}

/** The error for a failed `command` whose output says why, naming the registry it installs from. */
export function managerFailureError(failure: ManagerFailure, command: string, registry: Registry): GreeterError {
  return errorFrom(failure === 'integrity' ? installMessages.tarballRefused : installMessages.managerUnreachable, { command, registry });
}
