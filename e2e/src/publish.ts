import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { create } from 'tar';

// Publishing a fixture as `npm publish` does (libnpmpublish's request: the
// manifest, its dist, the tarball as an attachment, the latest tag), from
// the test process itself: an `npm publish` costs about half a second of
// CPU to start, and the suite publishes some sixty fixtures. No lifecycle
// script runs, as none would for a folder without one that builds.

/** npm's fixed date for every file of a tarball, so the same folder packs to the same bytes. */
const npmEpoch = new Date('1985-10-26T08:15:00.000Z');
const alwaysPacked = /^(package\.json|readme(\..*)?|license(\..*)?|licence(\..*)?)$/i;
const neverPacked = new Set(['node_modules', '.git', '.npmrc']);

/** The registry and token the user config of a {@link registryEnv} names. */
function registryOf(env: NodeJS.ProcessEnv): { url: string; token: string } {
  const userconfig = env['npm_config_userconfig'];
  if (userconfig === undefined) throw new Error('publishing takes the environment registryEnv made');
  const lines = readFileSync(userconfig, 'utf8').split('\n');
  const url = lines.findLast((line) => line.startsWith('registry='))?.slice('registry='.length);
  const token = lines.findLast((line) => line.includes(':_authToken='))?.split(':_authToken=')[1];
  if (!url || !token) throw new Error(`${userconfig} names no registry and token`);
  return { url, token };
}

/** The folder's files as npm packs them: all but node_modules and .git, or, with "files", those it lists and package.json, README, LICENSE. */
function packedFiles(folder: string, listed: unknown): string[] {
  const all = readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .filter((file) => !file.split(path.sep).some((part) => neverPacked.has(part)));
  if (!Array.isArray(listed)) return all.sort();
  const prefixes = listed.map((entry) => String(entry).replace(/^\.\//, '').replace(/\/$/, ''));
  return all.filter((file) => alwaysPacked.test(file) || prefixes.some((prefix) => file === prefix || file.startsWith(`${prefix}/`))).sort();
}

/** Publishes the package in `folder` to the registry `env` names; rejects with the registry's answer when it refuses. */
export async function publishFolder(folder: string, env: NodeJS.ProcessEnv): Promise<void> {
  const { url, token } = registryOf(env);
  // Without a byte order mark, as npm reads it; the packed file keeps it.
  const text = readFileSync(path.join(folder, 'package.json'), 'utf8').replace(/^\uFEFF/, '');
  const manifest = JSON.parse(text) as { name: string; version: string; files?: unknown };
  const { name, version } = manifest;
  const tarball = await buffer(create({ cwd: folder, gzip: true, portable: true, prefix: 'package/', mtime: npmEpoch }, packedFiles(folder, manifest.files)));
  const file = `${name}-${version}.tgz`;
  const body = {
    _id: name,
    name,
    'dist-tags': { latest: version },
    versions: {
      [version]: {
        ...manifest,
        _id: `${name}@${version}`,
        dist: {
          integrity: `sha512-${createHash('sha512').update(tarball).digest('base64')}`,
          shasum: createHash('sha1').update(tarball).digest('hex'),
          tarball: new URL(`${name}/-/${file}`, url).href,
        },
      },
    },
    _attachments: { [file]: { content_type: 'application/octet-stream', data: tarball.toString('base64'), length: tarball.length } },
  };
  const response = await fetch(new URL(name.replace('/', '%2f'), url), {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`Publishing ${name}@${version} from ${folder}: the registry answered ${response.status} ${await response.text()}`);
}
