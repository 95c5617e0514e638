import { readFileSync } from 'node:fs';
import { errorFrom } from '@greeter/core';
import { provenanceMessages } from '@greeter/core/messages';
import type { TrustMaterial } from '@sigstore/verify';
import { isObject, registryTimeoutMs } from '../fetch-packument.js';

/** Where the Sigstore trust root comes from. */
export interface TrustRootSource {
  /** A trusted_root.json (absolute path; the config's `trustedRoot`); undefined: the public Sigstore root, through TUF. */
  file: string | undefined;
  /** The config file that named `file`, for messages. */
  configFile?: string | undefined;
  /** Sigstore's TUF repository and the local cache of it (defaults: the public one, in sigstore-js's data folder). */
  tuf?: { mirrorURL?: string; cachePath?: string } | undefined;
}

/** The public Sigstore TUF repository, which @sigstore/tuf reads by default. */
const publicTufMirror = 'https://tuf-repo-cdn.sigstore.dev';

/**
 * The certificate authorities, transparency logs and timestamp authorities
 * a provenance bundle is verified against: the config's trusted_root.json,
 * or the public Sigstore root, fetched and checked with TUF (which needs the
 * network unless a cached copy is still fresh, as npm uses it).
 *
 * @throws GreeterError `GREETER_CONFIG_INVALID` naming the file when the
 *   configured root cannot be read; `GREETER_REGISTRY_UNREACHABLE` naming
 *   Sigstore's TUF repository when it cannot be reached.
 */
export async function loadTrustMaterial(source: TrustRootSource): Promise<TrustMaterial> {
  const [{ TrustedRoot }, { toTrustMaterial }] = await Promise.all([import('@sigstore/protobuf-specs'), import('@sigstore/verify')]);
  if (source.file !== undefined) return toTrustMaterial(TrustedRoot.fromJSON(readTrustedRoot(source.file, source.configFile)));
  const { getTrustedRoot } = await import('@sigstore/tuf');
  const mirrorURL = source.tuf?.mirrorURL ?? publicTufMirror;
  try {
    const root = await getTrustedRoot({
      mirrorURL,
      ...(source.tuf?.cachePath === undefined ? {} : { cachePath: source.tuf.cachePath }),
      forceCache: true,
      retry: { retries: 0 },
      timeout: registryTimeoutMs,
    });
    return toTrustMaterial(root);
  } catch (error) {
    throw errorFrom(provenanceMessages.trustRootUnreachable, { mirror: mirrorURL, detail: detailOf(error) }, { cause: error });
  }
}

function readTrustedRoot(file: string, configFile: string | undefined): unknown {
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw errorFrom(provenanceMessages.trustRootUnreadable, { file, configFile, reason: (error as Error).message }, { cause: error });
  }
  const mediaType = isObject(document) ? document['mediaType'] : undefined;
  if (typeof mediaType !== 'string' || !mediaType.startsWith('application/vnd.dev.sigstore.trustedroot')) {
    throw errorFrom(provenanceMessages.notATrustRoot, { file, configFile });
  }
  return document;
}

// Why TUF failed: Node's error code, else the error's message.
function detailOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  const message = typeof cause?.message === 'string' ? cause.message : (error as Error | undefined)?.message;
  return message ?? String(error);
}
