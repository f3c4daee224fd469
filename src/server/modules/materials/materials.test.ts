import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../core/limits';
import type { MaterialList, MaterialVersion, MaterialVersionList, MaterialView } from '../../../core/materials';
import { rowsOf } from '../../db/client';
import { auditEvents, groupMemberships, meetingSessions, users } from '../../db/schema';
import { sha256Hex } from '../../storage/storage';
import { docx, gif, jpeg, minimalPdf, oleDoc, png, pptx, webp, windowsExe, zip } from '../../storage/test-files';
import { createTestContext, TestClient, type TestContext } from '../../test/context';
import { addCouncilRole, addMember, buildCouncil, buildMeeting, buildStudyGroup, buildUser, signedInClient } from '../../test/factories';
import { contentDisposition, safeFileName } from './upload';

let t: TestContext;
let council: Awaited<ReturnType<typeof buildCouncil>>;

beforeAll(async () => {
  t = await createTestContext();
  council = await buildCouncil(t.db, ['KR', 'CN', 'JP', 'US']);
});
afterAll(async () => {
  await t?.close();
});

const committee = (code: string) => {
  const c = council.byCode[code];
  if (!c) throw new Error(`no committee ${code}`);
  return c;
};

interface FilePart {
  name: string;
  bytes: Uint8Array;
  /** What the browser claims; never believed. */
  type?: string;
  field?: string;
}

/** A multipart/form-data body as a browser sends it (file names as raw UTF-8). */
function multipart(fields: Record<string, string>, file?: FilePart) {
  const boundary = `----AccordBoundary${randomUUID().replace(/-/g, '')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`));
    chunks.push(Buffer.from(file.bytes), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

const send = (client: TestClient, url: string, fields: Record<string, string>, file?: FilePart) => {
  const { body, contentType } = multipart(fields, file);
  return client.request('POST', url, body, { 'content-type': contentType });
};

/** A group with a co-chair, a member, an observer, an SC member of the council and an outsider; one meeting. */
async function setup(attrs: { status?: 'active' | 'concluded' | 'approved' } = {}) {
  const group = await buildStudyGroup(t.db, { councilId: council.council.id, status: attrs.status ?? 'active', coChairCommitteeIds: [committee('KR').id, committee('CN').id] });
  const meeting = await buildMeeting(t.db, { groupId: group.id });
  const person = async (displayName: string) => buildUser(t.db, { displayName });
  const coChair = await person('Co-chair Kim');
  await addMember(t.db, group.id, coChair.id, 'co_chair', committee('KR').id);
  const member = await person('Member Tanaka');
  await t.db.update(users).set({ names: { latin: 'Tanaka Hiroshi', kanji: '田中 博' }, affiliation: 'Institute for Peace' }).where(eq(users.id, member.id));
  await addMember(t.db, group.id, member.id, 'member', committee('JP').id);
  const other = await person('Member Wang');
  await addMember(t.db, group.id, other.id, 'member', committee('CN').id);
  const observer = await person('Observer Novak');
  await addMember(t.db, group.id, observer.id, 'observer');
  const scMember = await person('SC Member Lee');
  await addCouncilRole(t.db, council.council.id, scMember.id, 'sc_member', committee('US').id);
  const outsider = await person('Outsider');
  await t.app.changes.sync();
  const url = `/api/study-groups/${group.slug}/meetings/${meeting.id}/materials`;
  return {
    group,
    meeting,
    url,
    people: { coChair, member, other, observer, scMember, outsider },
    as: {
      coChair: await signedInClient(t.app, coChair),
      member: await signedInClient(t.app, member),
      other: await signedInClient(t.app, other),
      observer: await signedInClient(t.app, observer),
      scMember: await signedInClient(t.app, scMember),
      outsider: await signedInClient(t.app, outsider),
      signedOut: new TestClient(t.app),
    },
  };
}

/** Every file in storage (not the temporary folder). */
function storedFiles(): string[] {
  const root = path.join(t.dataDir, 'files');
  if (!fs.existsSync(root)) return [];
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.name === '.tmp' ? [] : d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)]));
  return walk(root).concat(fs.existsSync(path.join(root, '.tmp')) ? fs.readdirSync(path.join(root, '.tmp')).map((n) => `.tmp/${n}`) : []);
}

/** What a refused upload must leave as it was: the rows and the files on disk. */
async function fingerprint() {
  const out: Record<string, unknown> = { disk: storedFiles().sort() };
  for (const table of ['files', 'materials', 'material_versions', 'audit_events']) {
    const [row] = rowsOf<{ n: number; h: string }>(
      await t.db.execute(sql.raw(`SELECT count(*)::int AS n, coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS h FROM ${table} x`)),
    );
    out[table] = row;
  }
  return out;
}

async function refused<R extends { statusCode: number; json: () => unknown }>(request: () => Promise<R>, status: number, code: string): Promise<R> {
  const before = await fingerprint();
  const res = await request();
  expect({ status: res.statusCode, code: (res.json() as { code?: string }).code }).toEqual({ status, code });
  expect(await fingerprint()).toEqual(before);
  return res;
}

async function uploaded(res: { statusCode: number; body: string; json: () => unknown }): Promise<MaterialView> {
  if (res.statusCode !== 201) throw new Error(`upload failed: ${res.statusCode} ${res.body}`);
  return res.json() as MaterialView;
}

describe('uploading and downloading', () => {
  it('keeps the bytes exactly, recognised by content, attributed to the author, with an audit event', async () => {
    const { url, group, people, as } = await setup();
    const pdf = minimalPdf('Sources of insecurity in Northeast Asia');
    const material = await uploaded(await send(as.member, url, { title: 'Sources of insecurity', kind: 'paper', authorId: people.member.id }, { name: 'insecurity.pdf', bytes: pdf, type: 'text/plain' }));
    expect(material).toMatchObject({
      title: 'Sources of insecurity',
      kind: 'paper',
      author: { id: people.member.id, displayName: 'Member Tanaka', names: { latin: 'Tanaka Hiroshi', kanji: '田中 博' }, affiliation: 'Institute for Peace' },
      createdBy: { id: people.member.id },
      session: null,
      withdrawnAt: null,
      versionCount: 1,
      allowedActions: ['version.add', 'withdraw'],
      latest: { number: 1, fileName: 'insecurity.pdf', size: pdf.length, type: 'pdf', mimeType: 'application/pdf', sha256: sha256Hex(pdf), uploadedBy: { id: people.member.id } },
    });

    // Everyone who may see the group lists and downloads it: here another member.
    const list = (await as.other.get(url)).json() as MaterialList;
    expect(list.items.map((m) => m.id)).toEqual([material.id]);
    expect(list.items[0]?.allowedActions).toEqual([]);
    const res = await as.other.get(material.latest.downloadUrl);
    expect(res.statusCode).toBe(200);
    expect(Buffer.compare(res.rawPayload, pdf)).toBe(0);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-length']).toBe(String(pdf.length));
    expect(res.headers['content-disposition']).toBe(`attachment; filename="insecurity.pdf"; filename*=UTF-8''insecurity.pdf`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('private, no-cache');
    expect(res.headers.etag).toBe(`"${sha256Hex(pdf)}"`);
    // The browser's copy is revalidated: unchanged → 304 without the bytes.
    const again = await as.other.request('GET', material.latest.downloadUrl, undefined, { 'if-none-match': String(res.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
    const cookie = [...as.other.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const head = await t.app.inject({ method: 'HEAD', url: material.latest.downloadUrl, headers: { cookie } });
    expect([head.statusCode, head.headers['content-type'], head.rawPayload.length]).toEqual([200, 'application/pdf', 0]);

    // Stored once, under its address.
    const sha = sha256Hex(pdf);
    expect(fs.readFileSync(path.join(t.dataDir, 'files', sha.slice(0, 2), sha.slice(2, 4), sha)).equals(pdf)).toBe(true);
    const [event] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'material.added'), eq(auditEvents.targetId, material.id)));
    expect(event).toMatchObject({ actorId: people.member.id, groupId: group.id, targetType: 'material' });
    expect(event?.data).toMatchObject({ title: 'Sources of insecurity', version: 1, type: 'pdf', sha256: sha, authorId: people.member.id });
  });

  it('accepts each allowed type, whatever the name and claimed type say, and gives it back byte for byte', async () => {
    const { url, as } = await setup();
    const cases = [
      { bytes: docx('Remedies for strategic uncertainty'), name: 'remedies.docx', type: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
      { bytes: pptx(), name: 'slides.pptx', type: 'pptx', mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' },
      { bytes: png(3, 2), name: 'map.png', type: 'png', mime: 'image/png' },
      { bytes: jpeg(), name: 'photo.jpeg', type: 'jpeg', mime: 'image/jpeg' },
      { bytes: gif(), name: 'chart.gif', type: 'gif', mime: 'image/gif' },
      { bytes: webp(), name: 'venue.webp', type: 'webp', mime: 'image/webp' },
    ];
    for (const c of cases) {
      const m = await uploaded(await send(as.observer, url, { title: c.name, kind: 'other' }, { name: c.name, bytes: c.bytes, type: 'application/x-msdownload' }));
      expect(m.latest, c.name).toMatchObject({ type: c.type, mimeType: c.mime, fileName: c.name, size: c.bytes.length });
      const res = await as.member.get(m.latest.downloadUrl);
      expect(res.headers['content-type'], c.name).toBe(c.mime);
      expect(Buffer.compare(res.rawPayload, c.bytes), c.name).toBe(0);
    }
  });

  it('refuses a renamed program, HTML, a plain ZIP and an old .doc: 415 naming what is allowed, nothing stored', async () => {
    const { url, as } = await setup();
    const attempts: FilePart[] = [
      { name: 'paper.pdf', bytes: windowsExe(), type: 'application/pdf' },
      { name: 'slides.pptx', bytes: Buffer.from('<!doctype html><html><body><script>document.cookie</script></body></html>'), type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation' },
      { name: 'photo.png', bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), type: 'image/png' },
      { name: 'paper.docx', bytes: zip([{ name: 'paper.txt', data: 'not a document' }]), type: 'application/zip' },
      { name: 'paper.docx', bytes: oleDoc(), type: 'application/msword' },
      { name: 'paper.docx', bytes: zip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'word/document.xml', data: '<w:document/>' }, { name: 'word/vbaProject.bin', data: 'macro' }]) },
      { name: 'setup.pdf', bytes: Buffer.concat([windowsExe(), docx()]) },
      { name: 'empty.pdf', bytes: Buffer.alloc(0) },
    ];
    for (const file of attempts) {
      const res = await refused(() => send(as.member, url, { title: 'Attempt', kind: 'paper' }, file), 415, 'material.type_not_allowed');
      const problem = res.json() as { detail: string; allowed: string[] };
      expect(problem.allowed).toEqual(['pdf', 'docx', 'pptx', 'png', 'jpeg', 'gif', 'webp']);
      expect(problem.detail).toContain('PDF, Word (DOCX), PowerPoint (PPTX), PNG, JPEG, GIF, WebP');
    }
    // Also as a new version of an existing material.
    const m = await uploaded(await send(as.member, url, { title: 'Paper', kind: 'paper' }, { name: 'paper.pdf', bytes: minimalPdf() }));
    await refused(() => send(as.member, `${url}/${m.id}/versions`, {}, { name: 'paper-v2.pdf', bytes: windowsExe(), type: 'application/pdf' }), 415, 'material.type_not_allowed');
  });

  it(`accepts a file of exactly ${LIMITS.materialBytes / (1024 * 1024)} MB and refuses one byte more with 413, storing nothing`, async () => {
    const { url, as } = await setup();
    const head = minimalPdf('large');
    const atLimit = Buffer.alloc(LIMITS.materialBytes, 0x20);
    head.copy(atLimit);
    const overLimit = Buffer.alloc(LIMITS.materialBytes + 1, 0x20);
    head.copy(overLimit);
    const over = await refused(() => send(as.member, url, { title: 'Large', kind: 'paper' }, { name: 'large.pdf', bytes: overLimit }), 413, 'request.too_large');
    expect(over.json()).toMatchObject({ limitBytes: LIMITS.materialBytes });
    // Far over: refused from the announced length, before the body is read.
    await refused(() => send(as.member, url, { title: 'Huge', kind: 'paper' }, { name: 'huge.pdf', bytes: Buffer.concat([overLimit, Buffer.alloc(1024 * 1024)]) }), 413, 'request.too_large');
    const m = await uploaded(await send(as.member, url, { title: 'Exactly at the limit', kind: 'paper' }, { name: 'large.pdf', bytes: atLimit }));
    expect(m.latest.size).toBe(LIMITS.materialBytes);
    // As a version, too.
    await refused(() => send(as.member, `${url}/${m.id}/versions`, {}, { name: 'large.pdf', bytes: overLimit }), 413, 'request.too_large');
  });

  it('names fields that are missing or wrong, and refuses a body that is not multipart', async () => {
    const { url, as } = await setup();
    const res = await refused(() => send(as.member, url, { kind: 'essay', authorId: 'someone' }), 400, 'validation.failed');
    const paths = (res.json() as { errors: { path: string }[] }).errors.map((e) => e.path).sort();
    expect(paths).toEqual(['body.authorId', 'body.file', 'body.kind', 'body.title']);
    await refused(() => as.member.post(url, { title: 'JSON', kind: 'paper' }), 415, 'request.unsupported_media_type');
    // Multipart is understood by these routes only: the rest of the API still takes JSON alone.
    const { body, contentType } = multipart({ email: 'someone@example.test', role: 'member' });
    const elsewhere = await as.coChair.request('POST', url.replace(/\/meetings\/.*$/, '/invitations'), body, { 'content-type': contentType });
    expect([elsewhere.statusCode, (elsewhere.json() as { code: string }).code]).toEqual([415, 'request.unsupported_media_type']);
    await refused(() => send(as.member, url, { title: 'Wrong part', kind: 'paper' }, { name: 'a.pdf', bytes: minimalPdf(), field: 'attachment' }), 400, 'validation.failed');
    // An empty author field (a select left at "none") means no author.
    const m = await uploaded(await send(as.member, url, { title: 'Unattributed', kind: 'slides', authorId: '', sessionId: '' }, { name: 's.pptx', bytes: pptx() }));
    expect(m.author).toBeNull();
  });

  it('attributes a paper only to a current member of the group, and links it only to a session of this meeting', async () => {
    const { url, group, meeting, people, as } = await setup();
    const stranger = await buildUser(t.db, { displayName: 'Not in the group' });
    const former = await buildUser(t.db, { displayName: 'Former member' });
    await t.db.insert(groupMemberships).values({ groupId: group.id, userId: former.id, role: 'member', endedAt: new Date() });
    for (const authorId of [stranger.id, former.id, people.scMember.id, randomUUID()]) {
      await refused(() => send(as.member, url, { title: 'Someone else’s paper', kind: 'paper', authorId }, { name: 'p.pdf', bytes: minimalPdf(authorId) }), 422, 'material.author_not_member');
    }
    const otherMeeting = await buildMeeting(t.db, { groupId: group.id, sequence: 2 });
    const [elsewhere] = await t.db
      .insert(meetingSessions)
      .values({ meetingId: otherMeeting.id, position: 1, title: 'Opening', startsAt: new Date('2027-03-10T00:00:00Z'), endsAt: new Date('2027-03-10T01:00:00Z') })
      .returning();
    const [here] = await t.db
      .insert(meetingSessions)
      .values({ meetingId: meeting.id, position: 1, title: 'Session 1: Sources of insecurity', startsAt: new Date('2027-03-10T00:00:00Z'), endsAt: new Date('2027-03-10T01:00:00Z') })
      .returning();
    await refused(() => send(as.member, url, { title: 'Misplaced', kind: 'slides', sessionId: elsewhere?.id ?? '' }, { name: 's.pptx', bytes: pptx() }), 422, 'material.session_unknown');
    const m = await uploaded(await send(as.coChair, url, { title: 'Opening remarks', kind: 'paper', authorId: people.other.id, sessionId: here?.id ?? '' }, { name: 'remarks.pdf', bytes: minimalPdf('remarks') }));
    expect(m).toMatchObject({ author: { id: people.other.id }, createdBy: { id: people.coChair.id }, session: { id: here?.id, title: 'Session 1: Sources of insecurity' } });
  });
});

describe('who may see and upload', () => {
  it('answers 404 to those who may not see the group and 401 to the signed out, for every route', async () => {
    const { url, as } = await setup();
    const m = await uploaded(await send(as.member, url, { title: 'Paper', kind: 'paper' }, { name: 'paper.pdf', bytes: minimalPdf('secret') }));
    const calls = [
      (c: TestClient) => c.get(url),
      (c: TestClient) => c.get(`${url}/${m.id}/versions`),
      (c: TestClient) => c.get(m.latest.downloadUrl),
      (c: TestClient) => send(c, url, { title: 'Intruder', kind: 'paper' }, { name: 'x.pdf', bytes: minimalPdf('intruder') }),
      (c: TestClient) => send(c, `${url}/${m.id}/versions`, {}, { name: 'x.pdf', bytes: minimalPdf('intruder') }),
      (c: TestClient) => c.delete(`${url}/${m.id}`),
    ];
    for (const call of calls) {
      const res = await refused(() => call(as.outsider), 404, 'resource.not_found');
      expect(res.body).not.toContain('secret');
      await refused(() => call(as.signedOut), 401, 'auth.required');
    }
  });

  it('lets an observer upload (materials.add includes observers); a Steering Committee member sees and downloads but may not upload', async () => {
    const { url, people, as } = await setup();
    const m = await uploaded(await send(as.observer, url, { title: 'An outside view', kind: 'paper', authorId: people.observer.id }, { name: 'view.pdf', bytes: minimalPdf('outside view') }));
    expect(m.author?.id).toBe(people.observer.id);
    expect((await as.scMember.get(m.latest.downloadUrl)).statusCode).toBe(200);
    expect(((await as.scMember.get(url)).json() as MaterialList).items).toHaveLength(1);
    await refused(() => send(as.scMember, url, { title: 'SC paper', kind: 'paper' }, { name: 'sc.pdf', bytes: minimalPdf('sc') }), 403, 'auth.forbidden');
  });

  it('answers 404 for a meeting of another group, and for a material of another meeting', async () => {
    const { url, group, as } = await setup();
    const otherGroup = await buildStudyGroup(t.db, { councilId: council.council.id });
    const foreignMeeting = await buildMeeting(t.db, { groupId: otherGroup.id });
    const foreignUrl = `/api/study-groups/${group.slug}/meetings/${foreignMeeting.id}/materials`;
    await refused(() => as.member.get(foreignUrl), 404, 'resource.not_found');
    await refused(() => send(as.member, foreignUrl, { title: 'Wrong meeting', kind: 'paper' }, { name: 'w.pdf', bytes: minimalPdf('w') }), 404, 'resource.not_found');
    const secondMeeting = await buildMeeting(t.db, { groupId: group.id, sequence: 3 });
    const m = await uploaded(await send(as.member, url, { title: 'Paper', kind: 'paper' }, { name: 'p.pdf', bytes: minimalPdf('first meeting') }));
    const crossUrl = `/api/study-groups/${group.slug}/meetings/${secondMeeting.id}/materials/${m.id}`;
    await refused(() => as.member.get(`${crossUrl}/versions`), 404, 'resource.not_found');
    await refused(() => as.member.get(`${crossUrl}/versions/1/file`), 404, 'resource.not_found');
    await refused(() => as.member.get(`${url}/${m.id}/versions/2/file`), 404, 'resource.not_found');
    await refused(() => as.member.get(`${url}/${randomUUID()}/versions/1/file`), 404, 'resource.not_found');
  });

  it('follows the group’s status: uploads continue after the group concluded, not before it was approved', async () => {
    const concluded = await setup({ status: 'concluded' });
    await uploaded(await send(concluded.as.member, concluded.url, { title: 'Late paper', kind: 'paper' }, { name: 'late.pdf', bytes: minimalPdf('late') }));
    const { group, url, as } = await setup();
    await t.db.execute(sql`UPDATE study_groups SET status = 'submitted' WHERE id = ${group.id}`);
    await t.app.changes.sync();
    // Materials belong to an approved group's work: while it is submitted, 409 naming the statuses.
    const res = await refused(() => send(as.member, url, { title: 'Early', kind: 'paper' }, { name: 'e.pdf', bytes: minimalPdf('early') }), 409, 'group.status_forbids');
    expect(res.json()).toMatchObject({ allowedStatuses: ['approved', 'active', 'concluding', 'concluded'] });
  });
});

describe('versions', () => {
  it('numbers versions, keeps every one downloadable, and lets the uploader, the author and managers add them', async () => {
    const { url, people, as } = await setup();
    const v1 = minimalPdf('draft one');
    const m = await uploaded(await send(as.other, url, { title: 'Trust building on the Korean Peninsula', kind: 'paper', authorId: people.member.id }, { name: 'trust.pdf', bytes: v1 }));
    const v2 = docx('draft two');
    const res2 = await send(as.other, `${url}/${m.id}/versions`, {}, { name: 'trust.docx', bytes: v2 });
    expect(res2.statusCode).toBe(201);
    const body2 = res2.json() as { material: MaterialView; version: MaterialVersion };
    expect(body2.version).toMatchObject({ number: 2, fileName: 'trust.docx', type: 'docx', uploadedBy: { id: people.other.id } });
    expect(body2.material).toMatchObject({ versionCount: 2, latest: { number: 2 } });
    // The author (who did not upload it) may revise it too; so may a co-chair.
    const v3 = minimalPdf('draft three');
    expect((await send(as.member, `${url}/${m.id}/versions`, {}, { name: 'trust-v3.pdf', bytes: v3 })).statusCode).toBe(201);
    const v4 = minimalPdf('final');
    expect((await send(as.coChair, `${url}/${m.id}/versions`, {}, { name: 'trust-final.pdf', bytes: v4 })).statusCode).toBe(201);
    // Others may not, observers included.
    await refused(() => send(as.observer, `${url}/${m.id}/versions`, {}, { name: 'mine.pdf', bytes: minimalPdf('hijack') }), 403, 'auth.forbidden');
    // The same file as the latest version is not a new version.
    await refused(() => send(as.member, `${url}/${m.id}/versions`, {}, { name: 'again.pdf', bytes: v4 }), 409, 'material.same_as_latest');

    const list = (await as.observer.get(`${url}/${m.id}/versions`)).json() as MaterialVersionList;
    expect(list.versions.map((v) => [v.number, v.fileName, v.uploadedBy?.id])).toEqual([
      [4, 'trust-final.pdf', people.coChair.id],
      [3, 'trust-v3.pdf', people.member.id],
      [2, 'trust.docx', people.other.id],
      [1, 'trust.pdf', people.other.id],
    ]);
    expect(list.material).toMatchObject({ id: m.id, versionCount: 4, latest: { number: 4 } });
    for (const [n, bytes] of [
      [1, v1],
      [2, v2],
      [3, v3],
      [4, v4],
    ] as const) {
      const res = await as.observer.get(`${url}/${m.id}/versions/${n}/file`);
      expect(Buffer.compare(res.rawPayload, bytes), `version ${n}`).toBe(0);
    }
    const events = await t.db.select({ data: auditEvents.data }).from(auditEvents).where(and(eq(auditEvents.action, 'material.version_added'), eq(auditEvents.targetId, m.id)));
    expect(events.map((e) => e.data.version).sort()).toEqual([2, 3, 4]);
  });

  it('gives two versions uploaded at once consecutive numbers', async () => {
    const { url, as } = await setup();
    const m = await uploaded(await send(as.member, url, { title: 'Paper', kind: 'paper' }, { name: 'p.pdf', bytes: minimalPdf('v1') }));
    const results = await Promise.all([send(as.member, `${url}/${m.id}/versions`, {}, { name: 'a.pdf', bytes: minimalPdf('a') }), send(as.coChair, `${url}/${m.id}/versions`, {}, { name: 'b.pdf', bytes: minimalPdf('b') })]);
    expect(results.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(results.map((r) => (r.json() as { version: MaterialVersion }).version.number).sort()).toEqual([2, 3]);
  });

  it('stores a file uploaded twice once', async () => {
    const { url, as } = await setup();
    const bytes = png(5, 5, [1, 2, 3]);
    const a = await uploaded(await send(as.member, url, { title: 'Map', kind: 'image' }, { name: 'map.png', bytes }));
    const before = storedFiles().length;
    const b = await uploaded(await send(as.other, url, { title: 'Same map', kind: 'image' }, { name: 'same.png', bytes }));
    expect(b.latest.sha256).toBe(a.latest.sha256);
    expect(storedFiles().length).toBe(before);
    expect((await as.member.get(b.latest.downloadUrl)).rawPayload.equals(bytes)).toBe(true);
  });
});

describe('withdrawing', () => {
  it('hides a withdrawn material from all but managers, keeps it and its files, and takes no more versions', async () => {
    const { url, group, people, as } = await setup();
    const bytes = minimalPdf('to be withdrawn');
    const m = await uploaded(await send(as.member, url, { title: 'Early draft', kind: 'paper' }, { name: 'draft.pdf', bytes }));
    // Another member may not withdraw it; an observer neither.
    await refused(() => as.other.delete(`${url}/${m.id}`), 403, 'auth.forbidden');
    await refused(() => as.observer.delete(`${url}/${m.id}`), 403, 'auth.forbidden');
    const res = await as.member.delete(`${url}/${m.id}`);
    expect(res.statusCode).toBe(200);
    expect((res.json() as MaterialView).withdrawnAt).not.toBeNull();
    expect((res.json() as MaterialView).allowedActions).toEqual([]);

    expect(((await as.member.get(url)).json() as MaterialList).items).toEqual([]);
    await refused(() => as.member.get(m.latest.downloadUrl), 404, 'resource.not_found');
    await refused(() => as.member.get(`${url}/${m.id}/versions`), 404, 'resource.not_found');
    await refused(() => as.member.delete(`${url}/${m.id}`), 404, 'resource.not_found');
    await refused(() => send(as.member, `${url}/${m.id}/versions`, {}, { name: 'v2.pdf', bytes: minimalPdf('v2') }), 404, 'resource.not_found');

    // Those who manage the meetings still see it, marked, and can open it.
    const managed = (await as.coChair.get(url)).json() as MaterialList;
    expect(managed.items.map((i) => [i.id, i.withdrawnAt !== null])).toEqual([[m.id, true]]);
    expect((await as.coChair.get(m.latest.downloadUrl)).rawPayload.equals(bytes)).toBe(true);
    await refused(() => send(as.coChair, `${url}/${m.id}/versions`, {}, { name: 'v2.pdf', bytes: minimalPdf('v2') }), 409, 'material.withdrawn');
    // Withdrawing again changes nothing.
    const before = await fingerprint();
    expect((await as.coChair.delete(`${url}/${m.id}`)).statusCode).toBe(200);
    expect(await fingerprint()).toEqual(before);

    const events = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'material.withdrawn'), eq(auditEvents.targetId, m.id)));
    expect(events.map((e) => [e.actorId, e.groupId])).toEqual([[people.member.id, group.id]]);
  });

  it('lets a co-chair withdraw anyone’s material', async () => {
    const { url, as } = await setup();
    const m = await uploaded(await send(as.other, url, { title: 'Off topic', kind: 'other' }, { name: 'x.gif', bytes: gif() }));
    expect((await as.coChair.delete(`${url}/${m.id}`)).statusCode).toBe(200);
    expect(((await as.other.get(url)).json() as MaterialList).items).toEqual([]);
  });
});

describe('file names', () => {
  const filenameStar = (header: string) => decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(header)?.[1] ?? '');

  it('keeps Korean, Chinese and Japanese names and sends them RFC 5987-encoded, with an ASCII fallback', async () => {
    const { url, as } = await setup();
    const names = ['동북아 평화 협력 연구그룹 보고서.pdf', '东北亚和平与合作研究小组.docx', '北東アジアの平和と協力（第1回会合）.pptx', 'Ashby’s notes (draft) 50%.pdf'];
    const files = [minimalPdf('ko'), docx('zh'), pptx(), minimalPdf('en')];
    for (const [i, name] of names.entries()) {
      const m = await uploaded(await send(as.member, url, { title: name, kind: 'paper' }, { name, bytes: files[i] as Buffer }));
      expect(m.latest.fileName).toBe(name);
      const res = await as.member.get(m.latest.downloadUrl);
      const header = String(res.headers['content-disposition']);
      expect(header).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9%!#$&+\-.^_`|~]+$/);
      expect(filenameStar(header)).toBe(name);
    }
    expect(contentDisposition('동북아 보고서.pdf')).toBe(`attachment; filename="material.pdf"; filename*=UTF-8''%EB%8F%99%EB%B6%81%EC%95%84%20%EB%B3%B4%EA%B3%A0%EC%84%9C.pdf`);
    expect(contentDisposition('Ashby’s notes "v2"; 50%.pdf')).toBe(`attachment; filename="Ashbys notes _v2__ 50_.pdf"; filename*=UTF-8''Ashby%E2%80%99s%20notes%20%22v2%22%3B%2050%25.pdf`);
  });

  it('names a file for what it is, and removes what could mislead', async () => {
    const { url, as } = await setup();
    // A PDF called .exe is kept as .exe.pdf: a saved copy opens as a PDF.
    const m = await uploaded(await send(as.member, url, { title: 'Report', kind: 'paper' }, { name: '報告書.exe', bytes: minimalPdf() }));
    expect(m.latest.fileName).toBe('報告書.exe.pdf');
    // macOS sends Korean names decomposed (NFD): kept composed, as typed.
    const nfd = '보고서.pdf'.normalize('NFD');
    const k = await uploaded(await send(as.member, url, { title: 'Korean', kind: 'paper' }, { name: nfd, bytes: minimalPdf('nfd') }));
    expect(k.latest.fileName).toBe('보고서.pdf');
    expect(safeFileName('C:\\Users\\kim\\Desktop\\paper.PDF', 'pdf')).toBe('paper.PDF');
    expect(safeFileName('report\u202Efdp.exe', 'pdf')).toBe('reportfdp.exe.pdf');
    expect(safeFileName('photo.jpg', 'jpeg')).toBe('photo.jpg');
    expect(safeFileName('photo.jpeg.png', 'jpeg')).toBe('photo.jpeg.png.jpg');
    expect(safeFileName('', 'png')).toBe('material.png');
    expect(safeFileName('...', 'gif')).toBe('material.gif');
    expect(safeFileName('a\u0000b\nc.pdf', 'pdf')).toBe('abc.pdf');
    expect([...safeFileName(`${'가'.repeat(400)}.docx`, 'docx')]).toHaveLength(200);
    expect(safeFileName(`${'가'.repeat(400)}.docx`, 'docx').endsWith('.docx')).toBe(true);
  });
});

describe('the API description', () => {
  it('documents the upload routes as multipart with a binary file', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: Record<string, { format?: string }> } }> } }>>;
    };
    const post = doc.paths['/api/study-groups/{slug}/meetings/{meetingId}/materials']?.post;
    expect(post?.requestBody?.content['multipart/form-data']?.schema.properties.file?.format).toBe('binary');
    expect(doc.paths['/api/study-groups/{slug}/meetings/{meetingId}/materials/{materialId}/versions/{n}/file']?.get).toBeDefined();
  });
});
