import { describe, expect, it } from 'vitest';
import { chooseVersion } from './choose-version.js';
import type { Packument, PackumentVersion } from './fetch-packument.js';

const name = 'greeter-plugin-esperanto';

function packument(versions: Record<string, PackumentVersion>, latest?: string): Packument {
  return { name, 'dist-tags': latest === undefined ? {} : { latest }, versions };
}

const plugin = (coreRange?: string, extra: PackumentVersion = {}): PackumentVersion => ({
  keywords: ['greeter-plugin'],
  ...(coreRange === undefined ? {} : { peerDependencies: { '@greeter/core': coreRange } }),
  ...extra,
});

describe('chooseVersion', () => {
  it('takes latest when it is a compatible plugin, even with newer versions published', () => {
    const choice = chooseVersion(packument({ '1.0.0': plugin('^1.0.0'), '1.1.0': plugin('^1.0.0'), '1.2.0': plugin('^1.0.0') }, '1.1.0'), '1.4.0');
    expect(choice).toMatchObject({ kind: 'compatible', plugin: { version: '1.1.0' }, latest: '1.1.0' });
  });

  it('takes the newest compatible version when latest needs another core', () => {
    const choice = chooseVersion(packument({ '1.0.0': plugin('^1.0.0'), '1.5.0': plugin('^1.0.0'), '2.0.0': plugin('^2.0.0') }, '2.0.0'), '1.4.0');
    expect(choice).toMatchObject({ kind: 'compatible', plugin: { version: '1.5.0', coreRange: '^1.0.0' } });
  });

  it('passes over versions that are no plugin, prereleases and deprecated versions', () => {
    const versions = {
      '1.0.0': plugin(),
      '1.1.0': plugin(undefined, { deprecated: 'broken' }),
      '1.2.0-beta.1': plugin(),
      '1.3.0': { keywords: [] },
      '1.4.0': plugin('^9.0.0'),
    };
    expect(chooseVersion(packument(versions, '1.4.0'), '1.0.0')).toMatchObject({ kind: 'compatible', plugin: { version: '1.0.0' } });
  });

  it('counts a greeterPlugin manifest as a plugin, and reads its languages', () => {
    const choice = chooseVersion(packument({ '1.0.0': { greeterPlugin: { languages: ['Esperanto', 'eo', 'bad name'] } } }, '1.0.0'), '1.0.0');
    expect(choice).toMatchObject({ kind: 'compatible', plugin: { languages: ['esperanto', 'eo'] } });
  });

  it('takes the languages from the name without a manifest', () => {
    expect(chooseVersion(packument({ '1.0.0': plugin() }, '1.0.0'), '1.0.0')).toMatchObject({ plugin: { languages: ['esperanto'] } });
  });

  it('reports the newest plugin version when none is compatible, and when none is a plugin', () => {
    expect(chooseVersion(packument({ '1.0.0': plugin('^2.0.0'), '2.0.0': plugin('not a range') }, '2.0.0'), '1.0.0')).toMatchObject({
      kind: 'incompatible',
      newest: { version: '2.0.0', compatibility: { compatible: false, reason: 'invalid-range' } },
    });
    expect(chooseVersion(packument({ '1.0.0': { keywords: ['other'] } }, '1.0.0'), '1.0.0')).toEqual({ kind: 'not-a-plugin', latest: '1.0.0' });
  });

  it('orders versions by semver, not by text', () => {
    expect(chooseVersion(packument({ '1.9.0': plugin(), '1.10.0': plugin() }), '1.0.0')).toMatchObject({ plugin: { version: '1.10.0' } });
  });
});
