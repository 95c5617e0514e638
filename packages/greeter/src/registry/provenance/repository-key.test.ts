import { describe, expect, it } from 'vitest';
import { repositoryKey } from './repository-key.js';

describe('repositoryKey', () => {
  it.each([
    'https://github.com/acme/greeter-plugin-klingon',
    'https://github.com/Acme/greeter-plugin-klingon/',
    'git+https://github.com/acme/greeter-plugin-klingon.git',
    'git://github.com/acme/greeter-plugin-klingon.git',
    'git+ssh://git@github.com/acme/greeter-plugin-klingon.git',
    'git@github.com:acme/greeter-plugin-klingon.git',
    'github:acme/greeter-plugin-klingon',
    'acme/greeter-plugin-klingon',
  ])('reads %s as github.com/acme/greeter-plugin-klingon', (url) => {
    expect(repositoryKey(url)).toBe('github.com/acme/greeter-plugin-klingon');
  });

  it('keeps hosts and owners apart', () => {
    expect(repositoryKey('https://gitlab.com/acme/x')).toBe('gitlab.com/acme/x');
    expect(repositoryKey('https://github.com/mallory/x')).not.toBe(repositoryKey('https://github.com/acme/x'));
  });

  it.each(['', 'not a url', 'file:///tmp/x', 'mailto:a@b.c'])('has no key for %j', (url) => {
    expect(repositoryKey(url)).toBeUndefined();
  });
});
