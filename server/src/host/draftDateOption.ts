/**
 * The draft's date as the hosts give it to the engine (`CheckConfig.draftDate`):
 * the `factcheck.draftDate` setting or the CLI's `--draft-date` when given,
 * else today. A draft's own front matter `date:` still wins (the engine reads
 * it). Today is the memo's rule (`generationDay`): `SOURCE_DATE_EPOCH` when
 * set, else the host clock's day in UTC, so a run is reproducible when asked.
 */
import { generationDay } from './memo/generationDay';

/** Why a draft date is unusable, or undefined when `value` is a real calendar day written `YYYY-MM-DD`. */
export function draftDateProblem(value: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return 'must be a date written YYYY-MM-DD, e.g. 2025-06-13';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  // Date.UTC rolls 2025-02-30 over to March: a day that does not exist is refused, not moved.
  if (mo < 1 || mo > 12 || t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return `is not a day of the calendar (${value})`;
  return undefined;
}

/** The draft date to configure: `given` (already validated) or today by the memo's rule. */
export function hostDraftDate(given: string | undefined, env: NodeJS.ProcessEnv = process.env, now = Date.now()): string {
  return given ?? generationDay(env, now);
}
