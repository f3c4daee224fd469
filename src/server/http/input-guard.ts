import type { FastifyInstance } from 'fastify';
import { findTextFaults, type TextFaultAt } from '../../core/text-input';
import { AppError } from './errors';

const MESSAGES = {
  control_character: (char: string) => `Contains the control character ${char}, which text may not hold`,
  lone_surrogate: (char: string) => `Contains ${char}, half of a character (a lone surrogate), which is not Unicode text`,
} as const;

/** 400 request.invalid_text naming each string that cannot be stored. */
export function invalidTextError(faults: readonly TextFaultAt[]): AppError {
  const errors = faults.map((f) => ({ path: f.path, code: f.fault, message: MESSAGES[f.fault](f.char) }));
  const first = faults[0];
  return new AppError('request.invalid_text', `${first?.path} ${first ? MESSAGES[first.fault](first.char).toLowerCase() : ''}.`, { errors });
}

/** Refuses `value` (an upload's fields, say) when a string in it cannot be stored. */
export function requireStorableText(value: unknown, root: string): void {
  const faults = findTextFaults(value, root);
  if (faults.length) throw invalidTextError(faults);
}

/**
 * The one place where every string of a request is checked, for every route: path segments
 * (decoded: `%00` is U+0000), query values (paths `querystring.q`, as validation names them) and the parsed JSON body, before validation and
 * before any handler or query sees them. Multipart fields are read by their route and checked
 * there with `requireStorableText`.
 */
export function registerInputGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    const faults = [...findTextFaults(req.params, 'params'), ...findTextFaults(req.query, 'querystring'), ...findTextFaults(req.body, 'body')];
    if (faults.length) throw invalidTextError(faults);
  });
}
