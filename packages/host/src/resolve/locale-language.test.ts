import { describe, expect, it } from 'vitest';
import { localeLanguage } from './locale-language.js';

const installed = new Set(['english', 'en', 'chinese', 'zh', 'pt-br', 'swedish', 'sv']);

describe('localeLanguage', () => {
  it.each([
    [{ LANG: 'zh_CN.UTF-8' }, 'zh'],
    [{ LANG: 'sv_SE.UTF-8@euro' }, 'sv'],
    [{ LANG: 'pt_BR.UTF-8' }, 'pt-br'],
    [{ LC_ALL: 'sv_SE.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' }, 'sv'],
    [{ LC_ALL: '', LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'sv_SE.UTF-8' }, 'zh'],
    [{ LANG: 'de_DE.UTF-8' }, 'english'],
    [{ LANG: 'C' }, 'english'],
    [{ LC_ALL: 'POSIX', LANG: 'zh_CN.UTF-8' }, 'english'],
    [{}, 'english'],
  ])('%j → %s', (env, language) => {
    expect(localeLanguage(env, installed, 'english')).toBe(language);
  });
});
