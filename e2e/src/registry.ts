import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';

/** A running Verdaccio on 127.0.0.1 with throwaway storage and a logged-in user. */
export interface Registry {
  url: string;
  /** An npm user config (registry and token) for npm and pnpm: pass it as `npm_config_userconfig`. */
  userconfig: string;
  /** Stops the server; safe to call twice. */
  stop(): Promise<void>;
}

// Served only from the local registry: the project's own names (and the
// test plugins'); every other package is proxied to the machine's registry.
const localPatterns = ['@greeter/*', '@acme/*', 'greeter', 'greeter-plugin-*', 'create-greeter-plugin'];

/** Starts Verdaccio in `folder` on a free loopback port and creates a publishing user. */
export async function startRegistry(folder: string): Promise<Registry> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const upstream = execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim();
  const configFile = path.join(folder, 'verdaccio.yaml');
  writeFileSync(configFile, verdaccioConfig(folder, upstream));
  const bin = path.join(path.dirname(createRequire(import.meta.url).resolve('verdaccio/package.json')), 'bin', 'verdaccio');
  const child = spawn(process.execPath, [bin, '--config', configFile, '--listen', `127.0.0.1:${port}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    log = (log + chunk).slice(-4000);
  });
  const stop = () => stopChild(child);
  process.once('exit', () => child.kill('SIGKILL'));
  try {
    await waitUntilUp(url, child, () => log);
    const token = await createUser(url);
    const userconfig = path.join(folder, 'npmrc');
    // Keeps the machine's own settings; only the registry and its token change.
    // update-notifier stays off: pnpm would otherwise ask the registry for
    // its own (very large) packument before each command.
    writeFileSync(userconfig, `${ownUserConfig()}\nupdate-notifier=false\nregistry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\n`);
    return { url, userconfig, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function ownUserConfig(): string {
  const file = process.env['npm_config_userconfig'] ?? path.join(homedir(), '.npmrc');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

function verdaccioConfig(folder: string, upstream: string): string {
  const local = localPatterns.map((pattern) => `  '${pattern}':\n    access: $all\n    publish: $authenticated\n`).join('');
  return `storage: ${JSON.stringify(path.join(folder, 'storage'))}
auth:
  htpasswd:
    file: ${JSON.stringify(path.join(folder, 'htpasswd'))}
    max_users: 10
uplinks:
  upstream:
    url: ${JSON.stringify(upstream)}
    timeout: 120s
packages:
${local}  '**':
    access: $all
    publish: $authenticated
    proxy: upstream
# JWT tokens: a legacy (AES) token carries the password, which Verdaccio
# checks with bcrypt (in JavaScript) on every request: 46 of the 53 CPU
# seconds it spent serving one test file.
security:
  api:
    legacy: false
    jwt:
      sign:
        expiresIn: 7d
log: { type: stdout, format: pretty, level: warn }
`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilUp(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Verdaccio exited with ${child.exitCode}:\n${log()}`);
    try {
      if ((await fetch(new URL('-/ping', url))).ok) return;
    } catch {
      // Not listening yet: try again shortly.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Verdaccio did not answer at ${url} within 60 s:\n${log()}`);
}

async function createUser(url: string): Promise<string> {
  const response = await fetch(new URL('-/user/org.couchdb.user:greeter-e2e', url), {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'greeter-e2e', password: 'greeter-e2e-password' }),
  });
  const body = (await response.json()) as { token?: string };
  if (!response.ok || !body.token) throw new Error(`Verdaccio refused the test user: ${response.status} ${JSON.stringify(body)}`);
  return body.token;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
