/**
 * Text that cannot be stored or shown: control characters other than tab, line feed and
 * carriage return (U+0000 among them, which PostgreSQL refuses in text and JSON), and lone
 * surrogates (half of a UTF-16 pair: not Unicode, and not writable as UTF-8). The server
 * refuses such a string where it enters — JSON bodies, query strings, path segments, upload
 * fields — before any route sees it.
 */
export type TextFault = 'control_character' | 'lone_surrogate';

export interface TextFaultAt {
  /** Dotted path of the string, e.g. `body.title`, `query.q`, `params.slug`. */
  path: string;
  fault: TextFault;
  /** The offending code unit, as U+XXXX. */
  char: string;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
// With the u flag a surrogate pair is one code point; only a lone half is a Cs code point.
const LONE_SURROGATE = /\p{Cs}/u;

const hex = (s: string) => `U+${(s.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** What is wrong with one string, or null when it may be stored. */
export function textFault(s: string): { fault: TextFault; char: string } | null {
  const control = CONTROL.exec(s);
  if (control) return { fault: 'control_character', char: hex(control[0]) };
  const surrogate = LONE_SURROGATE.exec(s);
  if (surrogate) return { fault: 'lone_surrogate', char: hex(surrogate[0]) };
  return null;
}

/** Parsed JSON, query strings and route parameters: plain objects, some made without a prototype chain to Object. */
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !ArrayBuffer.isView(v) && !(v instanceof ArrayBuffer) && !(v instanceof Date);

/**
 * Every string in a parsed value (objects, arrays, their keys) that cannot be stored, with its
 * path under `root`. Walks without recursion, so a deeply nested body cannot exhaust the stack;
 * stops after `max` findings.
 */
export function findTextFaults(value: unknown, root: string, max = 20): TextFaultAt[] {
  const out: TextFaultAt[] = [];
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length && out.length < max) {
    const [v, path] = stack.pop() as [unknown, string];
    if (typeof v === 'string') {
      const found = textFault(v);
      if (found) out.push({ path, ...found });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}.${i}`]);
    } else if (isRecord(v)) {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        const keyFault = textFault(key);
        if (keyFault) out.push({ path: `${path}.${JSON.stringify(key).slice(1, -1)}`, ...keyFault });
        else stack.push([v[key], `${path}.${key}`]);
      }
    }
  }
  return out;
}
