import { clockTime } from '../../lib/state/workspace-source';

/** "today 12:03", "yesterday 09:10" or "3 Mar 2026 12:03": when a notebook was saved. */
export function savedWhen(ms: number, now = Date.now()): string {
  const day = (t: number) => new Date(t).toDateString();
  if (day(ms) === day(now)) return `today ${clockTime(ms)}`;
  if (day(ms) === day(now - 86_400_000)) return `yesterday ${clockTime(ms)}`;
  const date = new Date(ms).toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
  return `${date} ${clockTime(ms)}`;
}
