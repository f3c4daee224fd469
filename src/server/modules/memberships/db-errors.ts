/**
 * Whether an error (or one it wraps: drizzle wraps driver errors) is a unique violation of
 * the named index. The indexes are the last word on races: two requests that both passed the
 * checks meet there, and the loser gets a clear 409 instead of a 500.
 */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, constraint: name } = e as { code?: unknown; constraint?: unknown };
    if (code === '23505' && name === constraint) return true;
  }
  return false;
}
