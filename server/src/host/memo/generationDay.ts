/**
 * The memo's generation day: `SOURCE_DATE_EPOCH` (seconds; the
 * reproducible-builds convention) when set, else today in UTC. The one date
 * of a memo not taken from the data, so a memo made twice the same day (or
 * with the variable set) is the same byte for byte.
 */
export function generationDay(env: NodeJS.ProcessEnv = process.env, now = Date.now()): string {
  const epoch = env.SOURCE_DATE_EPOCH;
  const ms = epoch !== undefined && /^\d{1,12}$/.test(epoch) ? Number(epoch) * 1000 : now;
  return new Date(ms).toISOString().slice(0, 10);
}
