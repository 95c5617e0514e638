/**
 * A repository URL reduced to `host/path`, lower-cased, so the spellings
 * npm accepts in package.json (`git+https://…/x.git`, `git@host:owner/x`,
 * `github:owner/x`, `owner/x`) compare equal to the URL a signing
 * certificate names. Undefined for what is no repository URL.
 */
export function repositoryKey(url: string): string | undefined {
  let text = url.trim().replace(/^git\+/, '');
  const shorthand = /^(?:github:)?([\w.-]+)\/([\w.-]+)$/.exec(text);
  if (shorthand) text = `https://github.com/${shorthand[1]}/${shorthand[2]}`;
  const scp = /^[\w.-]+@([^:/]+):(.+)$/.exec(text);
  if (scp) text = `https://${scp[1]}/${scp[2]}`;
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return undefined;
  }
  if (!['https:', 'http:', 'git:', 'ssh:'].includes(parsed.protocol) || parsed.host === '') return undefined;
  const pathname = parsed.pathname.replace(/\/+$/, '').replace(/\.git$/, '');
  return `${parsed.host}${pathname}`.toLowerCase();
}
