import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INT_MAX } from '../../core/numbers';
import { agendaItems, amendments, councilRoles, draftComments, drafts, draftVersions, groupInvitations, materials, meetings, meetingSessions, studyGroups } from '../db/schema';
import { DEMO_GROUP_SLUG } from '../db/seed/demo';
import { minimalPdf } from '../storage/test-files';
import { createTestContext, type TestClient, type TestContext } from '../test/context';
import { loadDemo } from '../test/demo';
import { fingerprint } from '../test/fingerprint';

/**
 * Every route, as the OpenAPI document describes it, sent what the database cannot take (#9
 * part 4) by a signed-in administrator who co-chairs the demo group: U+0000 and a lone
 * surrogate in every body field, `%00` in every query and path parameter, `1e10` in every whole
 * number. Every answer is a 4xx problem with a code, never a 5xx, and nothing stored changes.
 */
let t: TestContext;
let client: TestClient;
let doc: OpenApi;
const params: Record<string, (url: string) => string> = {};

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
}
interface Operation {
  parameters?: { in: 'path' | 'query'; name: string; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

const resolve = (s: JsonSchema): JsonSchema => (s.$ref ? resolve(doc.components?.schemas?.[s.$ref.split('/').pop() as string] ?? {}) : s);
/** The schema and the alternatives it allows (nullable, unions). */
const variants = (s: JsonSchema): JsonSchema[] => {
  const r = resolve(s);
  return [r, ...[...(r.anyOf ?? []), ...(r.oneOf ?? []), ...(r.allOf ?? [])].flatMap(variants)];
};
const types = (s: JsonSchema) => new Set(variants(s).flatMap((v) => [v.type ?? []].flat()));
const propertiesOf = (s: JsonSchema): Record<string, JsonSchema> => Object.assign({}, ...variants(s).map((v) => v.properties ?? {}));

beforeAll(async () => {
  t = await createTestContext();
  const demo = await loadDemo(t);
  client = await demo.as('us-cochair', { admin: true });
  doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as OpenApi;

  const [group] = await t.db.select().from(studyGroups).where(eq(studyGroups.slug, DEMO_GROUP_SLUG));
  const groupId = group?.id as string;
  const [meeting] = await t.db.select().from(meetings).where(and(eq(meetings.groupId, groupId), eq(meetings.sequence, 1)));
  const [session] = await t.db.select().from(meetingSessions).where(eq(meetingSessions.meetingId, meeting?.id as string)).limit(1);
  const [material] = await t.db.select().from(materials).where(eq(materials.meetingId, meeting?.id as string)).limit(1);
  const [item] = await t.db.select().from(agendaItems).where(eq(agendaItems.groupId, groupId)).limit(1);
  const [draft] = await t.db.select().from(drafts).where(eq(drafts.groupId, groupId)).limit(1);
  const [version] = await t.db.select().from(draftVersions).where(eq(draftVersions.draftId, draft?.id as string)).limit(1);
  const [amendment] = await t.db.select().from(amendments).where(eq(amendments.draftId, draft?.id as string)).limit(1);
  const [thread] = await t.db.select().from(draftComments).where(and(eq(draftComments.draftId, draft?.id as string), isNull(draftComments.threadId))).limit(1);
  const [role] = await t.db.select().from(councilRoles).limit(1);
  const [invitation] = await t.db.select().from(groupInvitations).limit(1);
  const recommendation = version?.blocks.find((b) => b.kind === 'recommendation' && b.uid)?.uid;
  const found = { meeting, session, material, item, draft, version, amendment, thread, role, recommendation };
  for (const [name, value] of Object.entries(found)) if (!value) throw new Error(`the demo has no ${name}`);

  const fixed = (value: string) => () => value;
  Object.assign(params, {
    slug: (url: string) => (url.startsWith('/api/councils') ? 'cscap' : DEMO_GROUP_SLUG),
    councilSlug: fixed('cscap'),
    code: fixed('KR'),
    roleId: fixed(role?.id as string),
    meetingId: fixed(meeting?.id as string),
    sessionId: fixed(session?.id as string),
    materialId: fixed(material?.id as string),
    itemId: fixed(item?.id as string),
    draftId: fixed(draft?.id as string),
    amendmentId: fixed(amendment?.id as string),
    threadId: fixed(thread?.id as string),
    recommendationUid: fixed(recommendation as string),
    number: fixed('1'),
    versionNumber: fixed('1'),
    n: fixed('1'),
    userId: fixed(demo.userIds['kr-member'] as string),
    role: fixed('member'),
    id: fixed(invitation?.id ?? randomUUID()),
    tokenId: fixed(randomUUID()),
    feedId: fixed(randomUUID()),
    file: fixed('feed.ics'),
  });
});
afterAll(() => t?.close());

interface Probe {
  what: string;
  method: string;
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** The code and field the 400 must have; undefined: any answer but a 5xx (a 4xx as a problem with a code). */
  expect?: { code: string; path: string };
}

const NUL = 'a\u0000b';
const SURROGATE = 'a\ud800b';

/** A hostile value for one body field, by the types its schema allows. */
function hostileValues(schema: JsonSchema): { label: string; value: unknown; at: string; code: string }[] {
  const ts = types(schema);
  const out: { label: string; value: unknown; at: string; code: string }[] = [];
  if (ts.has('string')) {
    out.push({ label: 'NUL', value: NUL, at: '', code: 'request.invalid_text' }, { label: 'lone surrogate', value: SURROGATE, at: '', code: 'request.invalid_text' });
  }
  if (ts.has('array')) out.push({ label: 'NUL in an element', value: [NUL], at: '.0', code: 'request.invalid_text' });
  if (ts.has('object')) out.push({ label: 'NUL in a member', value: { text: NUL }, at: '.text', code: 'request.invalid_text' });
  if (ts.has('integer') || ts.has('number')) out.push({ label: '1e10', value: 1e10, at: '', code: 'validation.failed' });
  return out;
}

function multipart(fields: Record<string, string>): { body: Buffer; headers: Record<string, string> } {
  const boundary = `----AccordHostile${randomUUID().replace(/-/g, '')}`;
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="paper.pdf"\r\nContent-Type: application/pdf\r\n\r\n`), minimalPdf(), Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Every hostile request for one route. */
function probesOf(method: string, route: string, op: Operation): Probe[] {
  const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
  const query = (op.parameters ?? []).filter((p) => p.in === 'query');
  const fill = (override: Record<string, string> = {}) =>
    route.replace(/:([A-Za-z]+)/g, (_, name: string) => {
      if (override[name] !== undefined) return override[name];
      const value = params[name];
      if (!value) throw new Error(`${method} ${route}: give the path parameter ${name} a demo value in this test`);
      return encodeURIComponent(value(route));
    });
  const probes: Probe[] = [];
  for (const p of pathParams) {
    probes.push({ what: `%00 in path ${p.name}`, method, url: fill({ [p.name]: 'x%00y' }), expect: { code: 'request.invalid_text', path: `params.${p.name}` } });
    if (types(p.schema).has('integer')) probes.push({ what: `1e10 in path ${p.name}`, method, url: fill({ [p.name]: '1e10' }), expect: { code: 'validation.failed', path: `params.${p.name}` } });
  }
  for (const q of query) {
    probes.push({ what: `%00 in query ${q.name}`, method, url: `${fill()}?${q.name}=%00`, expect: { code: 'request.invalid_text', path: `querystring.${q.name}` } });
    probes.push({ what: `undecodable UTF-8 in query ${q.name}`, method, url: `${fill()}?${q.name}=%ED%A0%80` });
    if (types(q.schema).has('integer')) probes.push({ what: `1e10 in query ${q.name}`, method, url: `${fill()}?${q.name}=1e10`, expect: { code: 'validation.failed', path: `querystring.${q.name}` } });
  }
  for (const [type, { schema }] of Object.entries(op.requestBody?.content ?? {})) {
    for (const [name, field] of Object.entries(propertiesOf(schema))) {
      if (type === 'multipart/form-data') {
        if (name === 'file') continue;
        const { body, headers } = multipart({ title: 'Paper', kind: 'paper', [name]: NUL });
        probes.push({ what: `NUL in upload field ${name}`, method, url: fill(), body, headers, expect: { code: 'request.invalid_text', path: `body.${name}` } });
        continue;
      }
      for (const h of hostileValues(field)) probes.push({ what: `${h.label} in body ${name}`, method, url: fill(), body: { [name]: h.value }, expect: { code: h.code, path: `body.${name}${h.at}` } });
    }
  }
  return probes;
}

/** Input integers anywhere in a schema that a PostgreSQL integer cannot hold. */
function unboundedIntegers(schema: JsonSchema, path: string, seen: Set<string> = new Set()): string[] {
  if (schema.$ref) {
    if (seen.has(schema.$ref)) return [];
    return unboundedIntegers(resolve(schema), path, new Set([...seen, schema.$ref]));
  }
  const out: string[] = [];
  const ts = [schema.type ?? []].flat();
  if (ts.includes('integer') || ts.includes('number')) {
    const min = schema.minimum ?? schema.exclusiveMinimum;
    if (schema.maximum === undefined || schema.maximum > INT_MAX || min === undefined || min < -INT_MAX) out.push(path);
  }
  for (const [k, v] of Object.entries(schema.properties ?? {})) out.push(...unboundedIntegers(v, `${path}.${k}`, seen));
  if (schema.items) out.push(...unboundedIntegers(schema.items, `${path}[]`, seen));
  if (typeof schema.additionalProperties === 'object') out.push(...unboundedIntegers(schema.additionalProperties, `${path}{}`, seen));
  for (const v of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) out.push(...unboundedIntegers(v, path, seen));
  return out;
}

const operationOf = (method: string, url: string): Operation | undefined => doc.paths[url.replace(/:([A-Za-z]+)/g, '{$1}')]?.[method.toLowerCase()];

describe('hostile input on every route (#9 part 4)', () => {
  it('bounds every whole number a request may carry to what an integer column holds', () => {
    const unbounded: string[] = [];
    for (const [url, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const p of op.parameters ?? []) unbounded.push(...unboundedIntegers(p.schema, `${method.toUpperCase()} ${url} ${p.in}.${p.name}`));
        for (const { schema } of Object.values(op.requestBody?.content ?? {})) unbounded.push(...unboundedIntegers(schema, `${method.toUpperCase()} ${url} body`));
      }
    }
    expect(unbounded).toEqual([]);
  });

  it('refuses NUL, lone surrogates, %00 and 1e10 everywhere with a 4xx problem, and stores nothing', async () => {
    const routes = t.app.registeredRoutes.filter((r) => r.method !== 'HEAD' && operationOf(r.method, r.url));
    expect(routes.length).toBeGreaterThan(100);
    const failures: string[] = [];
    let probed = 0;
    const start = await fingerprint(t.db);
    let before = start;
    for (const route of routes) {
      const probes = probesOf(route.method, route.url, operationOf(route.method, route.url) as Operation);
      for (const probe of probes) {
        probed++;
        const res = await client.request(probe.method as 'GET', probe.url, probe.body, probe.headers);
        const label = `${probe.method} ${route.url} — ${probe.what}: ${res.statusCode} ${res.body.slice(0, 160)}`;
        const problem = (res.headers['content-type'] ?? '').toString().includes('application/problem+json') ? (res.json() as { code?: string; errors?: { path: string }[] }) : null;
        if (res.statusCode >= 500 || (res.statusCode >= 400 && !problem?.code) || (probe.expect && res.statusCode < 400)) failures.push(label);
        else if (probe.expect && (res.statusCode !== 400 || problem?.code !== probe.expect.code || !problem?.errors?.some((e) => e.path === probe.expect?.path))) {
          failures.push(`${label} (wanted 400 ${probe.expect.code} at ${probe.expect.path})`);
        }
      }
      if (route.method !== 'GET' && probes.length) {
        const after = await fingerprint(t.db);
        const changed = Object.keys(after).filter((k) => after[k] !== before[k]);
        if (changed.length) failures.push(`${route.method} ${route.url} changed ${changed.join(', ')}`);
        before = after;
      }
    }
    expect(failures).toEqual([]);
    expect(probed).toBeGreaterThan(300);
    expect(await fingerprint(t.db)).toEqual(start);
    // The administrator's own session came through all of it.
    expect((await client.get('/api/me')).statusCode).toBe(200);
  });
});
