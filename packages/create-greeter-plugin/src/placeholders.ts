/**
 * What only the author knows, written into a new plugin as placeholders
 * that stand out, in forms `npm publish` accepts without correcting them
 * (npm normalises `repository` to exactly this shape).
 */
export const placeholders = {
  authorName: 'Your Name',
  authorEmail: 'you@example.com',
  repositoryOwner: 'YOUR-GITHUB-USER',
};

/** The `repository.url` of a new plugin whose package is `baseName` (unscoped). */
export function repositoryUrl(baseName: string): string {
  return `git+https://github.com/${placeholders.repositoryOwner}/${baseName}.git`;
}
