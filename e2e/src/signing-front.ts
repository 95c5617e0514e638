import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSigningKey, type SigningKey } from '@greeter/fixtures';

/** A registry in front of the suite's Verdaccio that signs what it serves, as npm's registry does. */
export interface SigningFront {
  url: string;
  /** The key it signs with and lists at `/-/npm/v1/keys`. */
  key: SigningKey;
  stop(): Promise<void>;
}

/** What the front changes besides signing. */
export interface SigningFrontOptions {
  /**
   * Packages served tampered: `{ victim: substitute }` serves the victim's
   * versions with the substitute's tarball and integrity (as a mirror that
   * swapped the tarball would), under the signature of the victim's own.
   */
  tampered?: Record<string, string>;
  /**
   * Tarballs swapped: `{ victim: substitute }` serves the substitute's
   * tarball at the victim's tarball URL (on the front), while the victim's
   * packument, integrity and signature stay as published: a mirror that
   * swaps files but not metadata, which only the integrity can reveal.
   */
  swapped?: Record<string, string>;
}

/**
 * Starts an HTTP server on 127.0.0.1 that forwards every request to
 * `upstream` (Verdaccio), serves `/-/npm/v1/keys` with a test ECDSA P-256
 * key, and adds `dist.signatures` made with it to every version of every
 * packument it passes on: `<name>@<version>:<integrity>`, as npm's registry
 * signs. Tarballs and everything else pass through untouched.
 */
export async function startSigningFront(upstream: string, options: SigningFrontOptions = {}): Promise<SigningFront> {
  const key = createSigningKey();
  const target = new URL(upstream);
  let url = '';
  const server = createServer((request, response) => {
    if (request.url === '/-/npm/v1/keys') return send(response, 200, { 'content-type': 'application/json' }, JSON.stringify({ keys: [key.listing()] }));
    request.url = swappedTarballPath(request.url ?? '/', options.swapped ?? {});
    forward(request, target, async (upstreamResponse, body) => {
      const signed = request.method === 'GET' && isJson(upstreamResponse.headers) ? await signPackument(body, key, options, target, url) : undefined;
      send(response, upstreamResponse.statusCode ?? 502, upstreamResponse.headers, signed ?? body);
    }).catch((error: Error) => send(response, 502, { 'content-type': 'text/plain' }, error.message));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    key,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// Forwards a request as it came (no conditional or compressed answers, so a packument can be read and changed).
async function forward(request: IncomingMessage, target: URL, reply: (response: IncomingMessage, body: Buffer) => Promise<void>): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const { 'if-none-match': _etag, 'accept-encoding': _encoding, host: _host, ...headers } = request.headers;
  await new Promise<void>((resolve, reject) => {
    const outgoing = httpRequest(
      { hostname: target.hostname, port: target.port, path: request.url, method: request.method, headers: { ...headers, host: target.host } },
      (response) => {
        const body: Buffer[] = [];
        response.on('data', (chunk: Buffer) => body.push(chunk));
        response.on('end', () => reply(response, Buffer.concat(body)).then(resolve, reject));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(Buffer.concat(chunks));
  });
}

// `/<victim>/-/<victim>-<version>.tgz` → the substitute's tarball of that version.
function swappedTarballPath(requested: string, swapped: Record<string, string>): string {
  for (const [victim, substitute] of Object.entries(swapped)) {
    const prefix = `/${victim}/-/${victim}-`;
    if (requested.startsWith(prefix)) return `/${substitute}/-/${substitute}-${requested.slice(prefix.length)}`;
  }
  return requested;
}

async function signPackument(body: Buffer, key: SigningKey, options: SigningFrontOptions, target: URL, front: string): Promise<string | undefined> {
  let packument: { name?: unknown; versions?: Record<string, { dist?: Record<string, unknown> }> };
  try {
    packument = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof packument.name !== 'string' || typeof packument.versions !== 'object' || packument.versions === null) return undefined;
  const substitute = options.tampered?.[packument.name];
  const swapped = substitute === undefined ? undefined : await fetchPackument(target, substitute);
  for (const [version, manifest] of Object.entries(packument.versions)) {
    const integrity = manifest.dist?.['integrity'];
    if (typeof integrity !== 'string') continue;
    manifest.dist!['signatures'] = [key.sign(packument.name, version, integrity)];
    const other = swapped?.versions?.[version]?.dist;
    if (other) Object.assign(manifest.dist!, { tarball: other['tarball'], integrity: other['integrity'], shasum: other['shasum'] });
    // A swapped tarball is fetched from the front, at the victim's own path.
    if (options.swapped?.[packument.name]) manifest.dist!['tarball'] = `${front}${packument.name}/-/${packument.name}-${version}.tgz`;
  }
  return JSON.stringify(packument);
}

async function fetchPackument(target: URL, name: string): Promise<{ versions?: Record<string, { dist?: Record<string, unknown> }> }> {
  const response = await fetch(new URL(name.replace('/', '%2f'), target), { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`${name}: HTTP ${response.status} from ${target.href}`);
  return (await response.json()) as { versions?: Record<string, { dist?: Record<string, unknown> }> };
}

function isJson(headers: IncomingHttpHeaders): boolean {
  return (headers['content-type'] ?? '').includes('json');
}

function send(response: ServerResponse, status: number, headers: IncomingHttpHeaders, body: Buffer | string): void {
  const { 'content-length': _length, 'transfer-encoding': _encoding, 'content-encoding': _compressed, etag: _etag, ...rest } = headers;
  response.writeHead(status, { ...rest, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}
