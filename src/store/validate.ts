import type { core } from 'zod/mini';

/** Formats a path like `sessions[3].startedAt` from a zod issue path. */
export function formatPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** One readable line for the first problem zod found: "where: what was expected". */
export function describeZodError(error: core.$ZodError, prefix = ''): string {
  const issue = error.issues[0];
  if (!issue) return prefix || 'value';
  const where = formatPath(issue.path, prefix) || 'value';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? 's' : ''})` : '';
  return `${where}: ${issue.message}${more}`;
}
