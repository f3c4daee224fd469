import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findTextFaults, textFault } from './text-input';

describe('text that cannot be stored', () => {
  it('finds NUL and the other C0 controls, but not tab, line feed or carriage return', () => {
    expect(textFault('a\u0000b')).toEqual({ fault: 'control_character', char: 'U+0000' });
    expect(textFault('esc\u001b[0m')).toEqual({ fault: 'control_character', char: 'U+001B' });
    expect(textFault('\u000b')?.fault).toBe('control_character');
    expect(textFault('one\ttwo\r\nthree\n')).toBeNull();
  });

  it('finds lone surrogates, but not pairs', () => {
    expect(textFault('x\ud800')).toEqual({ fault: 'lone_surrogate', char: 'U+D800' });
    expect(textFault('\udfffx')).toEqual({ fault: 'lone_surrogate', char: 'U+DFFF' });
    expect(textFault('😀 해저 케이블 海底電纜')).toBeNull();
  });

  it('agrees with isWellFormed for every string without controls', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        // eslint-disable-next-line no-control-regex
        const clean = s.replace(/[\u0000-\u001f]/g, '');
        // isWellFormed is ES2024 (Node 20 has it; the project's lib is ES2023).
        expect(textFault(clean) === null).toBe((clean as string & { isWellFormed(): boolean }).isWellFormed());
      }),
    );
  });

  it('names the path of every bad string in a body, keys included', () => {
    const body = { title: 'ok', names: { latin: 'a\u0000' }, paragraphs: ['fine', { text: '\ud800' }], ['k\u0000']: 1 };
    expect(findTextFaults(body, 'body').map((f) => f.path).sort()).toEqual(['body.k\\u0000', 'body.names.latin', 'body.paragraphs.1.text']);
    expect(findTextFaults({ q: ['a', 'b\u0000'] }, 'query').map((f) => f.path)).toEqual(['query.q.1']);
    expect(findTextFaults({ n: 1, b: true, z: null }, 'body')).toEqual([]);
  });

  it('walks a deeply nested value without exhausting the stack', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(findTextFaults(deep, 'body')).toHaveLength(1);
  });
});

describe('the containers a request arrives in', () => {
  it('walks objects without Object.prototype (query strings and route parameters are made so)', () => {
    function Empty() {}
    Empty.prototype = Object.create(null);
    const query = new (Empty as unknown as new () => Record<string, unknown>)();
    query.q = '\u0000';
    expect(findTextFaults(query, 'query').map((f) => f.path)).toEqual(['query.q']);
    expect(findTextFaults(Object.assign(Object.create(null), { slug: 'a\u0000' }), 'params').map((f) => f.path)).toEqual(['params.slug']);
  });
  it('does not walk binary bodies', () => {
    expect(findTextFaults(new Uint8Array([0, 0, 0]), 'body')).toEqual([]);
  });
});
