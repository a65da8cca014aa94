import { createContext, useContext } from 'react';
import type { IpcIssue } from '../../../shared/ipc/errors.ts';

/**
 * What main said is still missing when the person tried to finalise, by field path. A field's
 * issue goes away as soon as the person changes that field; the rest stay until the next try.
 */
export interface FinaliseIssues {
  readonly issues: readonly IpcIssue[];
  messageAt(path: string): string | undefined;
}

const emptyIssues: FinaliseIssues = { issues: [], messageAt: () => undefined };

export const FinaliseIssuesContext = createContext<FinaliseIssues>(emptyIssues);

export function useFinaliseIssue(path: string): string | undefined {
  return useContext(FinaliseIssuesContext).messageAt(path);
}

/** Finalise issues first; then values main refused to save (shown the same way, by path). */
export function makeFinaliseIssues(
  issues: readonly IpcIssue[],
  refused: readonly IpcIssue[] = [],
): FinaliseIssues {
  const byPath = new Map<string, string>();
  for (const issue of [...issues, ...refused])
    if (!byPath.has(issue.path)) byPath.set(issue.path, issue.message);
  return { issues, messageAt: (path) => byPath.get(path) };
}
