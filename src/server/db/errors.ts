/** What a driver error says, found through Drizzle's wrapping (`DrizzleQueryError.cause`). */
export interface DriverError {
  /** The SQLSTATE, e.g. 22P02. */
  code: string;
  message: string;
  constraint?: string;
}

/** The PostgreSQL error (node-postgres and PGlite alike) that `err` is or wraps, if any. */
export function driverErrorOf(err: unknown): DriverError | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e && typeof e === 'object'; depth++) {
    const { code, message, constraint } = e as { code?: unknown; message?: unknown; constraint?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      return { code, message: typeof message === 'string' ? message : '', ...(typeof constraint === 'string' ? { constraint } : {}) };
    }
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Class 22, data exception: a value the database could not take — invalid text representation
 * (22P02), numeric out of range (22003), a NUL or bad byte (22021, 22P05), too long (22001), a
 * date out of range (22008)… Input checks should catch these first; what slips past is the
 * client's bad value, not our failure.
 */
export const isDataException = (e: DriverError | undefined): e is DriverError => e !== undefined && e.code.startsWith('22');
