import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import path from 'node:path';
import { makeTree, type Tree } from '@greeter/fixtures';
import { packTarballs, tarballPath, type Packed } from './pack-tarballs.js';

/** One published version: its package.json, and its files when it can be installed. */
export interface FakeVersion {
  manifest: Record<string, unknown> & { name: string; version: string };
  /** The package folder's files (package.json is written from `manifest`); packed with `npm pack`. */
  files?: Tree;
  /** `time[version]` in the packument (default 2026-01-01); null leaves it out. */
  publishedAt?: string | null;
  /** More of `dist` (signatures, attestations, a tampered integrity), made from the packed tarball before the registry starts. */
  dist?: (packed: Packed) => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** Served only as a tarball at this path, never in a packument: the twin a dishonest registry swaps in. */
  tarballAt?: string;
}

/** A registry on 127.0.0.1 serving packuments, tarballs and `/-/v1/search`. */
export interface FakeRegistry {
  url: string;
  /** The paths asked for, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** How the fake registry behaves. */
export interface FakeRegistryOptions {
  /** Page search results as Verdaccio 6 does: `slice(from, size)`. */
  verdaccioPaging?: boolean;
  /** Accept connections and never answer. */
  hang?: boolean;
  /** `dist-tags.latest` per package (default: the last version listed). */
  latest?: Record<string, string>;
  /** JSON documents served at other paths (`/-/npm/v1/keys`, attestations), read when asked for: a `dist` hook may fill it. */
  documents?: Record<string, unknown>;
  /** Raw answers at other paths, as a broken registry gives them: a status and a body. */
  answers?: Record<string, { status: number; body: string }>;
  /** Changes a packument before it is served, for the client that asked (a registry that shows clients different packages). */
  packumentFor?: (request: IncomingMessage, packument: { name: string; versions: Record<string, Record<string, unknown>> }) => void;
}

/**
 * Starts a registry serving `versions`: each package's packument (with
 * `dist.tarball`/`integrity` for versions that have files, packed with a
 * real `npm pack`, and `time`), the tarballs, any `documents`, and a search
 * matching every word of the text in the name or description, as Verdaccio
 * does (`keywords:` finds nothing there).
 */
export async function startFakeRegistry(versions: FakeVersion[], options: FakeRegistryOptions = {}): Promise<FakeRegistry> {
  const servedAt = (version: FakeVersion) => version.tarballAt ?? tarballPath(version.manifest.name, version.manifest.version);
  const tarballs = packTarballs(
    versions.flatMap((version) => (version.files === undefined ? [] : [{ path: servedAt(version), manifest: version.manifest, files: version.files }])),
    cleanNpmEnv(),
  );
  const extraDist = new Map<FakeVersion, Record<string, unknown>>();
  for (const version of versions) {
    const packed = tarballs.get(servedAt(version));
    if (packed && version.dist) extraDist.set(version, await version.dist(packed));
  }
  const requests: string[] = [];
  const sockets = new Set<import('node:net').Socket>();
  let base = '';
  const server: Server = createServer((request, response) => {
    requests.push(request.url ?? '');
    if (options.hang) return;
    const url = new URL(request.url ?? '/', base);
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (url.pathname === '/-/v1/search') return send(200, search(versions, url.searchParams, options));
    const answer = options.answers?.[url.pathname];
    if (answer !== undefined) {
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      return response.end(answer.body);
    }
    const document = options.documents?.[decodeURIComponent(url.pathname)];
    if (document !== undefined) return send(200, document);
    const tarball = tarballs.get(url.pathname);
    if (tarball) {
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      return response.end(tarball.bytes);
    }
    const name = decodeURIComponent(url.pathname.slice(1));
    const published = versions.filter((version) => version.manifest.name === name && version.tarballAt === undefined);
    if (published.length === 0) return send(404, { error: 'not found' });
    const latest = options.latest?.[name] ?? published.at(-1)!.manifest.version;
    const packument = {
      name,
      'dist-tags': { latest },
      time: Object.fromEntries(
        published.flatMap(({ manifest, publishedAt }) => (publishedAt === null ? [] : [[manifest.version, publishedAt ?? '2026-01-01T00:00:00.000Z']])),
      ),
      versions: Object.fromEntries(
        published.map((version) => {
          const { manifest } = version;
          const packed = tarballs.get(tarballPath(manifest.name, manifest.version));
          const dist = packed
            ? {
                tarball: `${base}${tarballPath(manifest.name, manifest.version).slice(1)}`,
                integrity: packed.integrity,
                shasum: packed.shasum,
                ...extraDist.get(version),
              }
            : undefined;
          return [manifest.version, { ...manifest, ...(dist ? { dist } : {}) }];
        }),
      ),
    };
    options.packumentFor?.(request, packument);
    send(200, packument);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as import('node:net').AddressInfo;
  base = `http://127.0.0.1:${port}/`;
  return {
    url: base,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function search(versions: FakeVersion[], params: URLSearchParams, options: FakeRegistryOptions) {
  const words = (params.get('text') ?? '').split(' ').filter(Boolean);
  const size = Number(params.get('size') ?? 20);
  const from = Number(params.get('from') ?? 0);
  const latestOf = new Map<string, FakeVersion['manifest']>();
  for (const { manifest } of versions) latestOf.set(manifest.name, manifest);
  const matches = [...latestOf.values()].filter((manifest) =>
    words.every((word) => manifest.name.includes(word) || (typeof manifest['description'] === 'string' && manifest['description'].includes(word))),
  );
  const page = options.verdaccioPaging ? matches.slice(from, size) : matches.slice(from, from + size);
  return {
    objects: page.map((manifest) => ({
      package: { name: manifest.name, description: manifest['description'], keywords: manifest['keywords'], 'dist-tags': { latest: manifest.version } },
    })),
    total: page.length,
  };
}

/**
 * The environment for greeter and npm in these tests: this process's, less
 * every package-manager setting the test runner passed down, with a user
 * npmrc of its own in a temporary folder (the registry, a cache beside it).
 */
export function cleanNpmEnv(registry?: string): Record<string, string> {
  const folder = makeTree();
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(npm_|pnpm_|PNPM_|YARN_|BUN_|DEBUG$)/i.test(key)) env[key] = value;
  }
  const npmrc = path.join(folder, '.test-npmrc');
  const lines = [
    `cache=${path.join(folder, '.npm-cache')}`,
    'audit=false',
    'fund=false',
    'update-notifier=false',
    ...(registry ? [`registry=${registry}`] : []),
  ];
  writeFileSync(npmrc, `${lines.join('\n')}\n`);
  return { ...env, NO_COLOR: '1', npm_config_userconfig: npmrc };
}

/** Runs the CLI as a child process without blocking this event loop (a fake registry may be answering from it). */
export function runCli(
  bin: string,
  cwd: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
  });
}
