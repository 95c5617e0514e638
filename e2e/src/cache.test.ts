import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { makeTree, removeTrees } from '@greeter/fixtures';
import type { Layout } from './layout.js';
import { bunLayouts, npmAndPnpmProjects, npmLayouts, yarn1Layouts, yarn4Layouts } from './managers.js';
import { e2eEnv, publishFolders, textFailure, textGreeting, textOutcome } from './project.js';
import type { Bounded } from './shell.js';

// The discovery index (CONTRACT §4: greeter may keep what it found between
// runs, and never answers differently from a fresh search) against real
// package managers: each installs, updates (pnpm: a link retargeted), adds
// a scope folder and removes, and the next greeter run sees it. Before each
// change greeter has kept an index of the settled state (a run three
// seconds after the last change), so the change is one the index must
// notice; every `list --json` is compared with a run that keeps nothing.

const env = e2eEnv();
const fixtures = fileURLToPath(new URL('../fixtures/cache/', import.meta.url));
const tally = 'greeter-plugin-tally';
// Long enough for what was just written to be kept (the index keeps nothing younger than 3 s).
const settle = () => sleep(3200);

afterAll(removeTrees);

beforeAll(async () => {
  const copy = (name: string) => {
    const folder = makeTree();
    cpSync(path.join(fixtures, name), folder, { recursive: true });
    return folder;
  };
  const second = copy(tally);
  const manifest = path.join(second, 'package.json');
  writeFileSync(
    manifest,
    JSON.stringify({ ...JSON.parse(readFileSync(manifest, 'utf8')), version: '2.0.0', greeterPlugin: { languages: ['tally', 'tally2'] } }),
  );
  await publishFolders([copy(tally), copy('tally-scoped')], env);
  await publishFolders([second], env);
});

/** A greeter of `layout` keeping its index in a cache folder of its own, and the same run keeping nothing. */
function runners(layout: Layout) {
  const cache = makeTree();
  const indexed = (args: string[]) => layout.greeter(args, { env: { GREETER_CACHE_DIR: cache } });
  const fresh = (args: string[]) => layout.greeter(args, { env: { GREETER_CACHE_DIR: cache, GREETER_CACHE: 'off' } });
  const kept = () => readdirSync(path.join(cache, 'discovery')).map((file) => readFileSync(path.join(cache, 'discovery', file), 'utf8'));
  return { indexed, fresh, kept };
}

/** `list --json` through the index and without it, each with its exit code. */
async function bothLists(runner: ReturnType<typeof runners>) {
  const shown = (ran: Bounded) => ({ code: ran.code, stdout: ran.stdout, stderr: ran.stderr });
  return { indexed: shown(await runner.indexed(['list', '--json'])), fresh: shown(await runner.fresh(['list', '--json'])) };
}

const projects = () => {
  const { npm, pnpm } = npmAndPnpmProjects(env);
  // Yarn 4 with node_modules; under Plug'n'Play greeter keeps no index.
  return { npm, pnpm, 'yarn 1': yarn1Layouts(env).project, 'Yarn 4': yarn4Layouts(env).nodeModules, bun: bunLayouts(env).hoisted };
};

describe('the discovery index against real package managers', () => {
  const layouts = projects();

  it.concurrent.for(Object.keys(layouts))(
    '%s: an install, an update with a scope folder added, and a removal are each seen at the next run',
    async (name, { expect }) => {
      const layout = layouts[name as keyof typeof layouts];
      const runner = runners(layout);
      const same = async () => {
        const { indexed, fresh } = await bothLists(runner);
        expect(indexed).toEqual(fresh);
        return JSON.parse(indexed.stdout) as { plugins: Array<{ name: string; version: string }> };
      };
      await layout.install(['greeter', `${tally}@1.0.0`]);
      await settle();
      await same();
      expect(runner.kept().join('')).toContain(`node_modules/${tally}`);

      // One install that updates a plugin (pnpm: retargets its link) and adds a scope folder.
      await layout.install([`${tally}@2.0.0`, '@tally/greeter-plugin']);
      expect(textOutcome(await runner.indexed(['tally2', '--no-isolate']))).toEqual(textGreeting('Tally ho Universe'));
      expect(textOutcome(await runner.indexed(['tallyscope', '--no-isolate']))).toEqual(textGreeting('Scoped tally Universe'));
      expect((await same()).plugins.find((plugin) => plugin.name === tally)?.version).toBe('2.0.0');

      await settle();
      await same();
      expect(textOutcome(await layout.greeter(['remove', 'tally'], { timeoutMs: 240_000 })).exit).toBe(0);
      expect(textOutcome(await runner.indexed(['tally2']))).toEqual(textFailure('GREETER_PLUGIN_NOT_FOUND'));
      expect((await same()).plugins.map((plugin) => plugin.name)).not.toContain(tally);
    },
  );

  it.concurrent('npm install -g: a global install and removal are each seen at the next run', async ({ expect }) => {
    const layout = npmLayouts(env).global;
    const runner = runners(layout);
    await layout.install(['greeter']);
    await settle();
    const first = await bothLists(runner);
    expect(first.indexed).toEqual(first.fresh);

    await layout.install([`${tally}@1.0.0`]);
    expect(textOutcome(await runner.indexed(['tally1', '--no-isolate']))).toEqual(textGreeting('Tally ho Universe'));
    await settle();
    const second = await bothLists(runner);
    expect(second.indexed).toEqual(second.fresh);
    expect(second.indexed.stdout).toContain(tally);

    expect(textOutcome(await layout.greeter(['remove', '-g', 'tally'], { timeoutMs: 240_000 })).exit).toBe(0);
    expect(textOutcome(await runner.indexed(['tally1']))).toEqual(textFailure('GREETER_PLUGIN_NOT_FOUND'));
    const third = await bothLists(runner);
    expect(third.indexed).toEqual(third.fresh);
  });
});
