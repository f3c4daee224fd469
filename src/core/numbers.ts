import { z } from 'zod';

/**
 * The largest value of a PostgreSQL `integer` column. Every whole number that enters the API
 * (a version, a row's version, a page, an offset) is at most this, so `1e10` is a field error
 * (400 validation.failed) and never reaches the database as an out-of-range value.
 */
export const INT_MAX = 2_147_483_647;

/** A whole number from a JSON body, `min` … `max` (at most INT_MAX). */
export const ZInt = (min = 0, max = INT_MAX) => z.number().int().min(min).max(Math.min(max, INT_MAX));

/** The same from a query string or a path segment ("12" → 12; "1e10" is too large). */
export const ZQueryInt = (min = 0, max = INT_MAX) => z.coerce.number().int().min(min).max(Math.min(max, INT_MAX));

/** A version number (of a draft, a proposal, a row changed with optimistic concurrency): 1 … INT_MAX. */
export const ZVersionNumber = ZInt(1);
/** A version number in a query string or path segment. */
export const ZQueryVersionNumber = ZQueryInt(1);
