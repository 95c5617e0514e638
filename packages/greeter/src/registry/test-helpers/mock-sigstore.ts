import { createHash, generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bundleToJSON, type SerializedBundle } from '@sigstore/bundle';
import { fulcioHandler, initializeCA, initializeCTLog, initializeTLog, rekorHandler } from '@sigstore/mock';
import { DSSEBundleBuilder, FulcioSigner, RekorWitness } from '@sigstore/sign';

/** The CI run a mock Fulcio certifies, as GitHub's OIDC token would describe it. */
export interface CiIdentity {
  /** `owner/name` on github.com. */
  repository: string;
  commit: string;
  /** `refs/heads/main` unless given. */
  ref?: string;
}

/** Sigstore's services on 127.0.0.1 (@sigstore/mock's Fulcio, CT log and Rekor), and a trust root for them. */
export interface MockSigstore {
  /** A trusted_root.json naming this instance's CA, logs and timestamp authority. */
  trustedRoot: Record<string, unknown>;
  /** Signs `statement` as a CI run of `identity`: a DSSE bundle with a Fulcio certificate and a Rekor entry. */
  attest(statement: unknown, identity: CiIdentity | { email: string }): Promise<SerializedBundle>;
  close(): Promise<void>;
}

/**
 * Starts @sigstore/mock's Fulcio (with its CT log) and Rekor behind one
 * HTTP server on 127.0.0.1 (its own `nock` mode intercepts requests in this
 * process only), signed with fresh P-256 keys, and signs with
 * @sigstore/sign as `npm publish --provenance` does: the bundle's time is
 * Rekor's, as in npm's bundles. (The mock's timestamp authority is left
 * out: it writes the milliseconds of its time without trailing zeros, which
 * @sigstore/core refuses, so about one bundle in ten would fail at random.)
 */
export async function startMockSigstore(): Promise<MockSigstore> {
  const keyPair = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ctlog = await initializeCTLog(keyPair());
  const ca = await initializeCA(keyPair(), ctlog);
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tlog = await initializeTLog(url, keyPair());
  const routes = new Map([fulcioHandler(ca), rekorHandler(tlog)].map((handler) => [handler.path, handler.fn]));
  server.on('request', async (request, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    const handler = routes.get(request.url ?? '');
    const result = handler ? await handler(body) : { statusCode: 404, response: 'not found', contentType: 'text/plain' };
    response.writeHead(result.statusCode, { 'content-type': result.contentType ?? 'text/plain' });
    response.end(result.response);
  });
  const start = new Date(Date.now() - 3_600_000).toISOString();
  const log = (publicKey: Buffer, logId: Buffer) => ({
    baseUrl: url,
    hashAlgorithm: 'SHA2_256',
    publicKey: { rawBytes: publicKey.toString('base64'), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor: { start } },
    logId: { keyId: logId.toString('base64') },
  });
  const chain = (name: string, certificates: ArrayBufferView[]) => ({
    subject: { organization: 'sigstore.mock', commonName: name },
    uri: url,
    certChain: { certificates: certificates.map((certificate) => ({ rawBytes: Buffer.from(certificate.buffer).toString('base64') })) },
    validFor: { start },
  });
  const trustedRoot = {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [log(tlog.publicKey, createHash('sha256').update(tlog.publicKey).digest())],
    ctlogs: [log(ctlog.publicKey, Buffer.from(ctlog.logID.buffer))],
    certificateAuthorities: [chain('sigstore', [ca.rootCertificate])],
  };
  return {
    trustedRoot,
    async attest(statement, identity) {
      const token = unsignedJwt('email' in identity ? { iss: 'https://accounts.example.com', sub: identity.email } : githubClaims(identity));
      const builder = new DSSEBundleBuilder({
        signer: new FulcioSigner({ fulcioBaseURL: url, identityProvider: { getToken: async () => token } }),
        // The mock Rekor logs the proposed entry as it is: an intoto entry verifies, a dsse one would not.
        witnesses: [new RekorWitness({ rekorBaseURL: url, entryType: 'intoto' })],
      });
      return bundleToJSON(await builder.create({ data: Buffer.from(JSON.stringify(statement)), type: 'application/vnd.in-toto+json' }));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// The claims of a GitHub Actions OIDC token; mock Fulcio turns them into certificate extensions.
function githubClaims({ repository, commit, ref = 'refs/heads/main' }: CiIdentity): Record<string, string> {
  const workflow = `${repository}/.github/workflows/release.yml@${ref}`;
  return {
    iss: 'https://token.actions.githubusercontent.com',
    sub: `https://github.com/${workflow}`,
    repository,
    sha: commit,
    ref,
    job_workflow_ref: workflow,
    runner_environment: 'github-hosted',
    run_id: '1',
    run_attempt: '1',
  };
}

function unsignedJwt(claims: Record<string, string>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none' })}.${part(claims)}.`;
}
