/** The config's `"default"` that picks the language from the locale. */
export const localeDefault = 'auto';

/**
 * The language `"default": "auto"` greets in: the first of `LC_ALL`,
 * `LC_MESSAGES` and `LANG` that is set, as the C library reads them
 * (`zh_CN.UTF-8` → `zh_cn`, `zh-cn`, then `zh`), matched against the
 * installed languages and the config's aliases; `fallback` when the locale
 * is `C`/`POSIX`, unset, or names nothing installed. Pure.
 */
export function localeLanguage(env: Record<string, string | undefined>, known: ReadonlySet<string>, fallback: string): string {
  const locale = [env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find((value) => value !== undefined && value !== '');
  if (locale === undefined || locale === 'C' || locale === 'POSIX') return fallback;
  const tag = locale.split(/[.@]/)[0]!.toLowerCase();
  const language = tag.split(/[_-]/)[0]!;
  return [tag, tag.replace('_', '-'), language].find((word) => known.has(word)) ?? fallback;
}
