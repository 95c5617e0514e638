import { describe, expect, it } from 'vitest';
import { isolatedEnvironment } from './environment.js';

describe('isolatedEnvironment', () => {
  const env = {
    PATH: '/usr/bin',
    HOME: '/home/ada',
    LANG: 'sv_SE.UTF-8',
    LANGUAGE: 'sv',
    LC_ALL: 'sv_SE.UTF-8',
    LC_MESSAGES: 'sv_SE.UTF-8',
    TZ: 'Europe/Stockholm',
    TERM: 'xterm-256color',
    COLORTERM: 'truecolor',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    SSH_KEY: 'k',
    STRIPE_KEY: 's',
    SIGNING_KEY: 'g',
    AWS_ACCESS_KEY_ID: 'a',
    DATABASE_URL: 'postgres://u:p@h/db',
    MY_VARIABLE: 'm',
    WEATHER_API_KEY: 'w',
    NODE_OPTIONS: '--allow-fs-read=*',
    UNSET: undefined,
  };

  it('passes on the locale, the time zone and the terminal, and nothing else', () => {
    expect(isolatedEnvironment(env)).toEqual({
      LANG: 'sv_SE.UTF-8',
      LANGUAGE: 'sv',
      LC_ALL: 'sv_SE.UTF-8',
      LC_MESSAGES: 'sv_SE.UTF-8',
      TZ: 'Europe/Stockholm',
      TERM: 'xterm-256color',
      COLORTERM: 'truecolor',
      NO_COLOR: '1',
      FORCE_COLOR: '0',
    });
  });

  it('adds the variables granted by name, never one that changes how Node runs', () => {
    const granted = isolatedEnvironment(env, ['WEATHER_API_KEY', 'NODE_OPTIONS', 'ABSENT']);
    expect([granted['WEATHER_API_KEY'], 'NODE_OPTIONS' in granted, 'ABSENT' in granted, 'STRIPE_KEY' in granted]).toEqual(['w', false, false, false]);
  });
});
