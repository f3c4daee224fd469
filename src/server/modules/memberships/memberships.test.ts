import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogs } from '../../../core/i18n';
import type { InvitationView, MemberList, MemberView } from '../../../core/memberships';
import type { GroupOverview } from '../../../core/study-groups';
import { rowsOf } from '../../db/client';
import { auditEvents, authLinks, groupInvitations, groupMemberships, studyGroups, users } from '../../db/schema';
import { createTestContext, TestClient, type TestContext } from '../../test/context';
import { addCouncilRole, addMember, buildCouncil, buildStudyGroup, buildUser, minimalCharter, signedInClient } from '../../test/factories';
import { startSmtpServer } from '../../test/smtp';

let t: TestContext;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let council: Awaited<ReturnType<typeof buildCouncil>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestContext({ config: { smtpUrl: smtp.url } });
  council = await buildCouncil(t.db, ['KR', 'CN', 'JP', 'US', 'CA', 'AU']);
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const committee = (code: string) => {
  const c = council.byCode[code];
  if (!c) throw new Error(`no committee ${code}`);
  return c;
};

/** A group co-chaired by KR and CN, with a co-chair from KR signed in. */
async function setup(attrs: { status?: 'active' | 'concluded' | 'approved' } = {}) {
  const charter = minimalCharter('Study Group on Maritime Trust');
  charter.texts.ko = { ...(charter.texts.en as NonNullable<typeof charter.texts.en>), title: '해양 신뢰 연구그룹' };
  charter.texts.ja = { ...(charter.texts.en as NonNullable<typeof charter.texts.en>), title: '海洋信頼スタディ・グループ' };
  const group = await buildStudyGroup(t.db, { councilId: council.council.id, status: attrs.status ?? 'active', coChairCommitteeIds: [committee('KR').id, committee('CN').id], charter });
  const coChair = await buildUser(t.db, { displayName: 'Co-chair Kim', memberCommitteeId: committee('KR').id });
  await addMember(t.db, group.id, coChair.id, 'co_chair', committee('KR').id);
  return { group, coChair, client: await signedInClient(t.app, coChair), url: `/api/study-groups/${group.slug}` };
}

/**
 * What a refusal must leave as it was: every table a membership request may write. Sessions
 * are left out (a request refreshes its own session's last use).
 */
async function fingerprint() {
  const out: Record<string, unknown> = {};
  for (const table of ['users', 'group_memberships', 'group_invitations', 'auth_links', 'jobs', 'audit_events', 'study_groups']) {
    const [row] = rowsOf<{ n: number; h: string }>(
      await t.db.execute(sql.raw(`SELECT count(*)::int AS n, coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS h FROM ${table} x`)),
    );
    if (!row || typeof row.h !== 'string') throw new Error(`no fingerprint of ${table}`);
    out[table] = row;
  }
  return out;
}

/** Runs a request that must be refused, and checks the database did not change. */
async function refused(request: () => Promise<{ statusCode: number; json: () => { code: string } }>, status: number, code: string) {
  const before = await fingerprint();
  const res = await request();
  expect({ status: res.statusCode, code: res.json().code }).toEqual({ status, code });
  expect(await fingerprint()).toEqual(before);
}

const linkToken = (text: string) => {
  const m = /http:\/\/accord\.test\/link#([A-Za-z0-9_-]+)/.exec(text);
  if (!m?.[1]) throw new Error(`no link in: ${text}`);
  return m[1];
};

/** Invites through the API and returns the invitation and the token of the link mailed for it. */
async function invite(client: TestClient, url: string, body: Record<string, unknown>) {
  const res = await client.post(`${url}/invitations`, body);
  if (res.statusCode !== 201) throw new Error(`invitation failed: ${res.statusCode} ${res.body}`);
  await t.app.jobs.drain();
  const email = String(body.email).toLowerCase();
  const mails = smtp.to(email);
  const mail = mails[mails.length - 1];
  if (!mail) throw new Error(`no mail to ${email}`);
  return { invitation: res.json() as InvitationView & { accountCreated: boolean }, token: linkToken(mail.parsed.text ?? ''), mail };
}

const activeRoles = async (groupId: string, userId: string) =>
  (await t.db.select({ role: groupMemberships.role }).from(groupMemberships).where(and(eq(groupMemberships.groupId, groupId), eq(groupMemberships.userId, userId), isNull(groupMemberships.endedAt)))).map((r) => r.role).sort();

describe('the member list', () => {
  it('lists current members once each, with their roles, committee and since; addresses only for those who manage', async () => {
    const { group, coChair, client, url } = await setup();
    const head = await buildUser(t.db, { displayName: 'Alpha Head', email: 'alpha.head@example.test' });
    await addMember(t.db, group.id, head.id, 'delegation_head', committee('KR').id);
    await addMember(t.db, group.id, head.id, 'rapporteur', committee('KR').id);
    const jp = await buildUser(t.db, { displayName: 'Beta Member' });
    await addMember(t.db, group.id, jp.id, 'member', committee('JP').id);
    const observer = await buildUser(t.db, { displayName: 'Gamma Observer' });
    await t.db.update(users).set({ names: { hangul: '감마' }, affiliation: 'Institute of Outside Views' }).where(eq(users.id, observer.id));
    await addMember(t.db, group.id, observer.id, 'observer');
    const disabled = await buildUser(t.db, { displayName: 'Delta Disabled', disabled: true });
    await addMember(t.db, group.id, disabled.id, 'member', committee('JP').id);
    const former = await buildUser(t.db, { displayName: 'Epsilon Former' });
    await t.db.insert(groupMemberships).values({ groupId: group.id, userId: former.id, role: 'member', committeeId: committee('US').id, endedAt: new Date() });
    // Started earlier than everyone else, for the 'since' order.
    await t.db.update(groupMemberships).set({ startedAt: new Date('2020-01-01T00:00:00Z') }).where(eq(groupMemberships.userId, jp.id));

    const member = await signedInClient(t.app, jp);
    const res = await member.get(`${url}/members`);
    expect(res.statusCode).toBe(200);
    const list = res.json() as MemberList;
    expect(list.total).toBe(4);
    expect(list.items.map((m) => m.person.displayName)).toEqual(['Alpha Head', 'Beta Member', 'Co-chair Kim', 'Gamma Observer']);
    const alpha = list.items[0] as MemberView;
    expect(alpha.roles.map((r) => r.role)).toEqual(['delegation_head', 'rapporteur']);
    expect(alpha.committee?.code).toBe('KR');
    expect(list.items[3]?.committee).toBeNull();
    expect(list.items[3]?.person).toMatchObject({ names: { hangul: '감마' }, affiliation: 'Institute of Outside Views' });
    expect(list.items[1]?.since).toBe('2020-01-01T00:00:00.000Z');
    // A member sees no addresses, and cannot search by them.
    expect(res.body).not.toContain('@example.test');
    expect(list.items.every((m) => m.person.email === undefined)).toBe(true);
    expect(((await member.get(`${url}/members?q=alpha.head@`)).json() as MemberList).total).toBe(0);

    const managed = (await client.get(`${url}/members`)).json() as MemberList;
    expect(managed.items.find((m) => m.person.id === head.id)?.person.email).toBe('alpha.head@example.test');
    expect(((await client.get(`${url}/members?q=alpha.head@`)).json() as MemberList).items.map((m) => m.person.id)).toEqual([head.id]);
    expect(managed.items.find((m) => m.person.id === coChair.id)?.roles[0]?.committee?.code).toBe('KR');

    const names = async (query: string) => ((await member.get(`${url}/members?${query}`)).json() as MemberList).items.map((m) => m.person.displayName);
    expect(await names('role=observer')).toEqual(['Gamma Observer']);
    expect(await names('role=rapporteur')).toEqual(['Alpha Head']);
    expect(await names('committee=KR')).toEqual(['Alpha Head', 'Co-chair Kim']);
    expect(await names('committee=KR&role=co_chair')).toEqual(['Co-chair Kim']);
    expect(await names('committee=ZZ')).toEqual([]);
    expect(await names('q=%EA%B0%90%EB%A7%88')).toEqual(['Gamma Observer']); // 감마, a spelling in Hangul
    expect(await names('q=outside')).toEqual(['Gamma Observer']);
    expect(await names('q=100%25')).toEqual([]);
    expect(await names('sort=-name')).toEqual(['Gamma Observer', 'Co-chair Kim', 'Beta Member', 'Alpha Head']);
    expect(await names('sort=committee')).toEqual(['Beta Member', 'Alpha Head', 'Co-chair Kim', 'Gamma Observer']);
    expect(await names('sort=role')).toEqual(['Co-chair Kim', 'Alpha Head', 'Beta Member', 'Gamma Observer']);
    expect((await names('sort=since'))[0]).toBe('Beta Member');
    expect((await names('sort=-since'))[3]).toBe('Beta Member');

    const page2 = (await member.get(`${url}/members?pageSize=3&page=2`)).json() as MemberList;
    expect(page2).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(page2.items.map((m) => m.person.displayName)).toEqual(['Gamma Observer']);
    expect(((await member.get(`${url}/members?pageSize=3&page=9`)).json() as MemberList)).toMatchObject({ items: [], total: 4 });
  });

  it('is for whoever may see the group: signed out 401, others 404; bad queries 400', async () => {
    const { url, client, group } = await setup();
    expect((await new TestClient(t.app).get(`${url}/members`)).statusCode).toBe(401);
    const outsider = await signedInClient(t.app, await buildUser(t.db));
    expect((await outsider.get(`${url}/members`)).json().code).toBe('resource.not_found');
    expect((await outsider.get('/api/study-groups/no-such-group/members')).statusCode).toBe(404);
    // The Steering Committee sees an active group, and its members, but not their addresses.
    const scMember = await buildUser(t.db);
    await addCouncilRole(t.db, group.councilId, scMember.id, 'sc_member', committee('AU').id);
    const sc = await (await signedInClient(t.app, scMember)).get(`${url}/members`);
    expect(sc.statusCode).toBe(200);
    expect(sc.body).not.toContain('@example.test');
    for (const q of ['sort=age', 'pageSize=1000', 'page=0', 'role=king']) {
      const res = await client.get(`${url}/members?${q}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('validation.failed');
    }
  });
});

describe('inviting by email', () => {
  it('creates an account for a new address and mails, in their language, a link that signs them in and starts the membership', async () => {
    const { group, url, client, coChair } = await setup();
    const res = await client.post(`${url}/invitations`, { email: 'Min.Park@Example.test', displayName: 'Park Min', role: 'member', committeeCode: 'KR', locale: 'ko' });
    expect(res.statusCode).toBe(201);
    const created = res.json() as InvitationView & { accountCreated: boolean };
    expect(created).toMatchObject({ email: 'min.park@example.test', role: 'member', committee: { code: 'KR' }, status: 'open', accountCreated: true, invitedBy: { id: coChair.id } });
    const [account] = await t.db.select().from(users).where(eq(users.email, 'min.park@example.test'));
    expect(account).toMatchObject({ displayName: 'Park Min', passwordHash: null, locale: 'ko' });
    expect(created.person?.id).toBe(account?.id);
    // Nothing changes in the group until the person accepts.
    expect(await activeRoles(group.id, account?.id ?? '')).toEqual([]);

    await t.app.jobs.drain();
    const [mail] = smtp.to('min.park@example.test');
    expect(mail?.parsed.headers.get('content-language')).toBe('ko');
    expect(mail?.parsed.subject).toBe(catalogs.ko.mail.groupInvitation.subject.replace('{{group}}', '해양 신뢰 연구그룹'));
    expect(mail?.parsed.text).toContain('Co-chair Kim');
    expect(mail?.parsed.text).toContain(catalogs.ko.roles.member);
    expect(mail?.parsed.text).toContain('Committee KR');
    expect(mail?.parsed.html).toContain('해양 신뢰 연구그룹');
    const token = linkToken(mail?.parsed.text ?? '');
    // The secret leaves the jobs table once the mail is sent.
    expect(JSON.stringify(await t.db.execute(sql`SELECT payload::text AS p FROM jobs`))).not.toContain(token);

    const invitee = new TestClient(t.app);
    const consumed = await invitee.post('/api/auth/links/consume', { token });
    expect(consumed.statusCode).toBe(200);
    expect(consumed.json()).toMatchObject({
      purpose: 'invitation',
      user: { email: 'min.park@example.test', hasPassword: false, locale: 'ko', memberCommittee: { code: 'KR' } },
      invitation: { groupSlug: group.slug, role: 'member', joined: true },
    });
    const overview = (await invitee.get(url)).json() as GroupOverview;
    expect(overview.myRoles).toEqual(['member']);
    expect(overview.delegations.find((d) => d.committee.code === 'KR')?.members.map((m) => m.displayName)).toContain('Park Min');
    const [started] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'membership.started'), eq(auditEvents.targetId, account?.id ?? '')));
    expect(started).toMatchObject({ groupId: group.id, actorId: account?.id, data: { role: 'member', committee: 'KR' } });

    const list = (await client.get(`${url}/invitations`)).json() as { items: InvitationView[] };
    expect(list.items.find((i) => i.id === created.id)?.status).toBe('accepted');
    const again = await new TestClient(t.app).post('/api/auth/links/consume', { token });
    expect(again.json().code).toBe('link.used');
  });

  it('ties the invitation to an existing account, which keeps its name and language; links to two groups both work', async () => {
    const first = await setup();
    const second = await setup();
    const person = await buildUser(t.db, { displayName: 'Sato Hana', locale: 'ja', timeZone: 'Asia/Tokyo' });
    const a = await invite(first.client, first.url, { email: person.email.toUpperCase(), displayName: 'Someone Else', role: 'observer', locale: 'ko' });
    expect(a.invitation).toMatchObject({ accountCreated: false, person: { id: person.id, displayName: 'Sato Hana' }, committee: null });
    expect(a.mail.parsed.headers.get('content-language')).toBe('ja');
    expect(a.mail.parsed.subject).toBe(catalogs.ja.mail.groupInvitation.subject.replace('{{group}}', '海洋信頼スタディ・グループ'));
    expect(a.mail.parsed.text).toContain('Asia/Tokyo');
    const b = await invite(second.client, second.url, { email: person.email, role: 'rapporteur' });
    const [row] = await t.db.select().from(users).where(eq(users.id, person.id));
    expect(row).toMatchObject({ displayName: 'Sato Hana', locale: 'ja' });

    for (const [{ token }, setupOf, role] of [[a, first, 'observer'], [b, second, 'rapporteur']] as const) {
      const client = new TestClient(t.app);
      const res = await client.post('/api/auth/links/consume', { token });
      expect(res.statusCode).toBe(200);
      expect(res.json().user.id).toBe(person.id);
      expect(((await client.get(setupOf.url)).json() as GroupOverview).myRoles).toEqual([role]);
    }
  });

  it('writes the mail in the language asked for when the person has not chosen one', async () => {
    const { url, client } = await setup();
    const person = await buildUser(t.db, { locale: null });
    const { mail } = await invite(client, url, { email: person.email, role: 'observer', locale: 'zh' });
    expect(mail.parsed.headers.get('content-language')).toBe('zh');
    expect(mail.parsed.text).toContain(catalogs.zh.roles.observer);
  });

  it('refuses what the group does not allow, each with its code, and changes nothing', async () => {
    const { group, url, client } = await setup();
    const head = await buildUser(t.db);
    await addMember(t.db, group.id, head.id, 'delegation_head', committee('US').id);
    await client.post(`${url}/invitations`, { email: 'open@example.test', role: 'member', committeeCode: 'JP' });
    const disabled = await buildUser(t.db, { disabled: true });
    const post = (body: Record<string, unknown>) => () => client.post(`${url}/invitations`, body);

    await refused(post({ email: 'open@example.test', role: 'member', committeeCode: 'JP' }), 409, 'invitation.duplicate');
    await refused(post({ email: ' OPEN@example.test ', role: 'member', committeeCode: 'JP' }), 400, 'validation.failed');
    await refused(post({ email: 'Open@Example.test', role: 'member', committeeCode: 'JP' }), 409, 'invitation.duplicate');
    await refused(post({ email: head.email, role: 'delegation_head', committeeCode: 'US' }), 409, 'invitation.already_member');
    await refused(post({ email: 'x@example.test', role: 'member' }), 422, 'role.not_allowed');
    await refused(post({ email: 'x@example.test', role: 'delegation_head' }), 422, 'role.not_allowed');
    await refused(post({ email: 'x@example.test', role: 'co_chair', committeeCode: 'JP' }), 422, 'role.not_allowed');
    await refused(post({ email: 'x@example.test', role: 'co_chair' }), 422, 'role.not_allowed');
    await refused(post({ email: 'x@example.test', role: 'delegation_head', committeeCode: 'US' }), 409, 'membership.head_exists');
    await refused(post({ email: 'x@example.test', role: 'member', committeeCode: 'XX' }), 422, 'committee.unknown');
    await refused(post({ email: head.email, role: 'member', committeeCode: 'JP' }), 422, 'role.not_allowed'); // sits in the US delegation
    await refused(post({ email: disabled.email, role: 'observer' }), 409, 'invitation.account_disabled');
    await refused(post({ email: 'not-an-address', role: 'member', committeeCode: 'KR' }), 400, 'validation.failed');
    await refused(post({ email: 'x@example.test', role: 'king' }), 400, 'validation.failed');
    await refused(post({ email: 'x@example.test', role: 'observer', isAdmin: true }), 400, 'validation.failed');
    await refused(post({ email: 'x@example.test', role: 'observer', locale: 'fr' }), 400, 'validation.failed');

    // An observer needs no committee; a co-chair from a co-chairing committee is fine.
    expect((await client.post(`${url}/invitations`, { email: 'plus@example.test', role: 'observer' })).statusCode).toBe(201);
    expect((await client.post(`${url}/invitations`, { email: 'cn.chair@example.test', role: 'co_chair', committeeCode: 'CN' })).statusCode).toBe(201);
    // Another role for the same address is another invitation.
    expect((await client.post(`${url}/invitations`, { email: 'open@example.test', role: 'delegation_head', committeeCode: 'JP' })).statusCode).toBe(201);
  });

  it('gives no delegation heads in a sub-group', async () => {
    const { group, client } = await setup();
    const [sub] = await t.db
      .insert(studyGroups)
      .values({ councilId: group.councilId, slug: `${group.slug}-experts`, title: 'Experts Group', status: 'active', termStart: '2020-01-01', termEnd: '2021-12-31', kind: 'sub_group', parentGroupId: group.id, charter: minimalCharter('Experts Group') })
      .returning();
    const url = `/api/study-groups/${sub?.slug}`;
    // The parent's co-chair invites here, and the parent's co-chairing committees give co-chairs.
    await refused(() => client.post(`${url}/invitations`, { email: 'x@example.test', role: 'delegation_head', committeeCode: 'JP' }), 422, 'role.not_allowed');
    expect((await client.post(`${url}/invitations`, { email: 'expert@example.test', role: 'member', committeeCode: 'JP' })).statusCode).toBe(201);
    expect((await client.post(`${url}/invitations`, { email: 'sub.chair@example.test', role: 'co_chair', committeeCode: 'KR' })).statusCode).toBe(201);
  });

  it('lets a new invitation replace one that expired; the old one reads as expired', async () => {
    const { url, client } = await setup();
    const first = (await client.post(`${url}/invitations`, { email: 'late@example.test', role: 'observer' })).json() as InvitationView;
    await t.db.update(groupInvitations).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(groupInvitations.id, first.id));
    const second = await client.post(`${url}/invitations`, { email: 'late@example.test', role: 'observer' });
    expect(second.statusCode).toBe(201);
    const list = (await client.get(`${url}/invitations`)).json() as { items: InvitationView[] };
    expect(list.items.filter((i) => i.email === 'late@example.test').map((i) => i.status)).toEqual(['open', 'expired']);
    expect(list.items.find((i) => i.id === first.id)?.revokedAt).toBeNull();
  });

  it('lets only one of two simultaneous identical invitations through', async () => {
    const { url, client } = await setup();
    const results = await Promise.all([1, 2].map(() => client.post(`${url}/invitations`, { email: 'twice@example.test', role: 'observer' })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.statusCode === 409)?.json().code).toBe('invitation.duplicate');
    expect(await t.db.select().from(users).where(eq(users.email, 'twice@example.test'))).toHaveLength(1);
  });
});

describe('accepting', () => {
  it('checks the head of a delegation again: a second head is refused with 409 and nothing changes', async () => {
    const { group, url, client } = await setup();
    const a = await invite(client, url, { email: 'head.a@example.test', role: 'delegation_head', committeeCode: 'CN' });
    const b = await invite(client, url, { email: 'head.b@example.test', role: 'delegation_head', committeeCode: 'CN' });
    expect((await new TestClient(t.app).post('/api/auth/links/consume', { token: a.token })).statusCode).toBe(200);
    const late = new TestClient(t.app);
    await refused(() => late.post('/api/auth/links/consume', { token: b.token }), 409, 'membership.head_exists');
    expect((await late.get('/api/me')).statusCode).toBe(401);
    const [link] = await t.db.select().from(authLinks).where(eq(authLinks.groupInvitationId, b.invitation.id));
    expect(link?.usedAt).toBeNull();
    const heads = await t.db.select().from(groupMemberships).where(and(eq(groupMemberships.groupId, group.id), eq(groupMemberships.role, 'delegation_head'), isNull(groupMemberships.endedAt)));
    expect(heads).toHaveLength(1);
  });

  it('lets one of two simultaneous acceptances for the head of the same delegation win; the other gets 409', async () => {
    const { group, url, client } = await setup();
    const a = await invite(client, url, { email: 'race.a@example.test', role: 'delegation_head', committeeCode: 'JP' });
    const b = await invite(client, url, { email: 'race.b@example.test', role: 'delegation_head', committeeCode: 'JP' });
    const results = await Promise.all([a, b].map(({ token }) => new TestClient(t.app).post('/api/auth/links/consume', { token })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.statusCode === 409)?.json().code).toBe('membership.head_exists');
    const heads = await t.db
      .select({ userId: groupMemberships.userId })
      .from(groupMemberships)
      .where(and(eq(groupMemberships.groupId, group.id), eq(groupMemberships.role, 'delegation_head'), eq(groupMemberships.committeeId, committee('JP').id), isNull(groupMemberships.endedAt)));
    expect(heads).toHaveLength(1);
    const accepted = await t.db.select().from(groupInvitations).where(and(eq(groupInvitations.groupId, group.id), sql`${groupInvitations.acceptedAt} IS NOT NULL`));
    expect(accepted.map((i) => i.userId)).toEqual(heads.map((h) => h.userId));
  });

  it('answers an expired, revoked or used invitation with the link codes, and a closed group with 409', async () => {
    const { group, url, client } = await setup();
    const expired = await invite(client, url, { email: 'expired@example.test', role: 'observer' });
    await t.db.update(groupInvitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(groupInvitations.id, expired.invitation.id));
    await refused(() => new TestClient(t.app).post('/api/auth/links/consume', { token: expired.token }), 410, 'link.expired');

    const revoked = await invite(client, url, { email: 'revoked@example.test', role: 'observer' });
    const del = await client.delete(`${url}/invitations/${revoked.invitation.id}`);
    expect(del.statusCode).toBe(200);
    expect((del.json() as InvitationView).status).toBe('revoked');
    await refused(() => new TestClient(t.app).post('/api/auth/links/consume', { token: revoked.token }), 410, 'invitation.not_open');

    const closing = await invite(client, url, { email: 'closing@example.test', role: 'observer' });
    await t.db.update(studyGroups).set({ status: 'concluded' }).where(eq(studyGroups.id, group.id));
    await refused(() => new TestClient(t.app).post('/api/auth/links/consume', { token: closing.token }), 409, 'group.status_forbids');
  });

  it('signs in without a second membership when the person got the role meanwhile', async () => {
    const { group, url, client } = await setup();
    const person = await buildUser(t.db);
    const { token } = await invite(client, url, { email: person.email, role: 'observer' });
    await addMember(t.db, group.id, person.id, 'observer');
    const res = await new TestClient(t.app).post('/api/auth/links/consume', { token });
    expect(res.json()).toMatchObject({ invitation: { role: 'observer', joined: false } });
    expect(await activeRoles(group.id, person.id)).toEqual(['observer']);
  });
});

describe('invitations list and revoking', () => {
  it('lists open and past invitations for those who manage members; revoking stops the link and the mail', async () => {
    const { group, url, client } = await setup();
    await client.post(`${url}/invitations`, { email: 'one@example.test', role: 'observer' });
    const two = (await client.post(`${url}/invitations`, { email: 'two@example.test', role: 'member', committeeCode: 'CA' })).json() as InvitationView;
    // Revoked before its mail went out: no mail is sent.
    expect((await client.delete(`${url}/invitations/${two.id}`)).statusCode).toBe(200);
    await t.app.jobs.drain();
    expect(smtp.to('one@example.test')).toHaveLength(1);
    expect(smtp.to('two@example.test')).toHaveLength(0);

    const list = (await client.get(`${url}/invitations`)).json() as { items: InvitationView[]; total: number };
    expect(list.total).toBe(2);
    expect(list.items.map((i) => [i.email, i.status])).toEqual([
      ['two@example.test', 'revoked'],
      ['one@example.test', 'open'],
    ]);
    expect(((await client.get(`${url}/invitations?status=open`)).json() as { items: InvitationView[] }).items.map((i) => i.email)).toEqual(['one@example.test']);
    expect(((await client.get(`${url}/invitations?pageSize=1&page=2`)).json() as { items: InvitationView[] }).items.map((i) => i.email)).toEqual(['one@example.test']);
    const revokedEvent = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'invitation.revoked'), eq(auditEvents.targetId, two.id)));
    expect(revokedEvent).toHaveLength(1);

    await refused(() => client.delete(`${url}/invitations/${two.id}`), 410, 'invitation.not_open');
    await refused(() => client.delete(`${url}/invitations/00000000-0000-4000-8000-000000000000`), 404, 'resource.not_found');
    await refused(() => client.delete(`${url}/invitations/not-a-uuid`), 400, 'validation.failed');
    // An invitation of another group is not found through this one.
    const other = await setup();
    const foreign = (await other.client.post(`${other.url}/invitations`, { email: 'f@example.test', role: 'observer' })).json() as InvitationView;
    await refused(() => client.delete(`${url}/invitations/${foreign.id}`), 404, 'resource.not_found');
    expect(group.id).not.toBe(other.group.id);
  });
});

describe('roles of members', () => {
  it('gives a member another role, with the same rules; ends one role and keeps its record', async () => {
    const { group, url, client, coChair } = await setup();
    const person = await buildUser(t.db, { displayName: 'Lee Member' });
    await addMember(t.db, group.id, person.id, 'member', committee('CA').id);
    const head = await buildUser(t.db);
    await addMember(t.db, group.id, head.id, 'delegation_head', committee('AU').id);
    const outsider = await buildUser(t.db);
    const rolesUrl = `${url}/members/${person.id}/roles`;

    const res = await client.post(rolesUrl, { role: 'rapporteur' });
    expect(res.statusCode).toBe(201);
    expect((res.json() as MemberView).roles.map((r) => r.role)).toEqual(['member', 'rapporteur']);
    // Without a committee, a head is named for the delegation the person sits in.
    const asHead = await client.post(rolesUrl, { role: 'delegation_head' });
    expect(asHead.statusCode).toBe(201);
    expect((asHead.json() as MemberView).roles.find((r) => r.role === 'delegation_head')?.committee?.code).toBe('CA');

    await refused(() => client.post(rolesUrl, { role: 'rapporteur' }), 409, 'membership.exists');
    await refused(() => client.post(`${url}/members/${head.id}/roles`, { role: 'delegation_head', committeeCode: 'AU' }), 409, 'membership.exists');
    await refused(() => client.post(`${url}/members/${outsider.id}/roles`, { role: 'observer' }), 404, 'resource.not_found');
    await refused(() => client.post(rolesUrl, { role: 'co_chair', committeeCode: 'CA' }), 422, 'role.not_allowed');
    await refused(() => client.post(rolesUrl, { role: 'member', committeeCode: 'JP' }), 409, 'membership.exists');
    await refused(() => client.post(rolesUrl, { role: 'secretariat', committeeCode: 'XX' }), 422, 'committee.unknown');
    await refused(() => client.post(rolesUrl, { role: 'emperor' }), 400, 'validation.failed');
    const newHead = await buildUser(t.db);
    await addMember(t.db, group.id, newHead.id, 'member', committee('AU').id);
    await refused(() => client.post(`${url}/members/${newHead.id}/roles`, { role: 'delegation_head' }), 409, 'membership.head_exists');

    const ended = await client.delete(`${rolesUrl}/rapporteur`);
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toEqual({ ended: ['rapporteur'], remaining: expect.arrayContaining(['member', 'delegation_head']) });
    const [row] = await t.db.select().from(groupMemberships).where(and(eq(groupMemberships.userId, person.id), eq(groupMemberships.role, 'rapporteur')));
    expect(row?.endedAt).toBeInstanceOf(Date);
    expect(row?.endedBy).toBe(coChair.id);
    await refused(() => client.delete(`${rolesUrl}/rapporteur`), 404, 'resource.not_found');
    await refused(() => client.delete(`${rolesUrl}/nonsense`), 400, 'validation.failed');
    expect(await activeRoles(group.id, person.id)).toEqual(['delegation_head', 'member']);
  });
});

describe('removing a member', () => {
  it('ends every role, keeps the rows, revokes their open invitations, and ends their access at once in every process', async () => {
    const { group, url, client, coChair } = await setup();
    const person = await buildUser(t.db, { displayName: 'Removed Person' });
    await addMember(t.db, group.id, person.id, 'member', committee('US').id);
    await addMember(t.db, group.id, person.id, 'rapporteur', committee('US').id);
    const pending = (await client.post(`${url}/invitations`, { email: person.email, role: 'observer' })).json() as InvitationView;
    const theirs = await signedInClient(t.app, person);
    const peer = await t.startPeer();
    const onPeer = new TestClient(peer);
    onPeer.cookies.set('accord_session', theirs.cookies.get('accord_session') ?? '');
    // Both processes have the group cached with the person in it.
    expect((await theirs.get(url)).statusCode).toBe(200);
    expect((await onPeer.get(url)).statusCode).toBe(200);

    const res = await client.delete(`${url}/members/${person.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ended: expect.arrayContaining(['member', 'rapporteur']), remaining: [] });
    expect((await theirs.get(url)).statusCode).toBe(404);
    expect((await theirs.get(`${url}/members`)).statusCode).toBe(404);
    await peer.changes.sync();
    expect((await onPeer.get(url)).statusCode).toBe(404);

    const rows = await t.db.select().from(groupMemberships).where(and(eq(groupMemberships.groupId, group.id), eq(groupMemberships.userId, person.id)));
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r).toMatchObject({ endedBy: coChair.id, endedAt: expect.any(Date) });
    const [inv] = await t.db.select().from(groupInvitations).where(eq(groupInvitations.id, pending.id));
    expect(inv?.revokedAt).toBeInstanceOf(Date);
    const [event] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'membership.ended'), eq(auditEvents.targetId, person.id)));
    expect(event).toMatchObject({ actorId: coChair.id, groupId: group.id, data: { removed: true, invitationsRevoked: 1 } });
    const list = (await client.get(`${url}/members`)).json() as MemberList;
    expect(list.items.map((m) => m.person.id)).not.toContain(person.id);
    // The account is still there: what the person contributed stays attributed to them.
    expect(await t.db.select().from(users).where(eq(users.id, person.id))).toHaveLength(1);

    await refused(() => client.delete(`${url}/members/${person.id}`), 404, 'resource.not_found');
  });
});

describe('who may', () => {
  it('answers signed out 401, not seeing 404, seeing but not managing 403, wrong status 409, and changes nothing', async () => {
    const { group, url } = await setup();
    const member = await buildUser(t.db);
    await addMember(t.db, group.id, member.id, 'member', committee('KR').id);
    const target = await buildUser(t.db);
    await addMember(t.db, group.id, target.id, 'observer');
    const [inv] = await t.db.insert(groupInvitations).values({ groupId: group.id, email: 'p@example.test', role: 'observer', expiresAt: new Date(Date.now() + 3600_000) }).returning();
    const routes: [string, (c: TestClient) => ReturnType<TestClient['get']>][] = [
      ['POST invitations', (c) => c.post(`${url}/invitations`, { email: 'new@example.test', role: 'observer' })],
      ['GET invitations', (c) => c.get(`${url}/invitations`)],
      ['DELETE invitation', (c) => c.delete(`${url}/invitations/${inv?.id}`)],
      ['POST roles', (c) => c.post(`${url}/members/${target.id}/roles`, { role: 'rapporteur' })],
      ['DELETE role', (c) => c.delete(`${url}/members/${target.id}/roles/observer`)],
      ['DELETE member', (c) => c.delete(`${url}/members/${target.id}`)],
    ];
    const signedOut = new TestClient(t.app);
    const outsider = await signedInClient(t.app, await buildUser(t.db));
    const asMember = await signedInClient(t.app, member);
    for (const [name, call] of routes) {
      for (const [client, status, code] of [
        [signedOut, 401, 'auth.required'],
        [outsider, 404, 'resource.not_found'],
        [asMember, 403, 'auth.forbidden'],
      ] as const) {
        const before = await fingerprint();
        const res = await call(client);
        expect({ name, status: res.statusCode, code: res.json().code }).toEqual({ name, status, code });
        expect(await fingerprint()).toEqual(before);
      }
    }
  });

  it('lets the council secretariat and administrators manage; a concluded group takes no invitations but its records can be managed', async () => {
    const { group, url, client } = await setup({ status: 'concluded' });
    await refused(() => client.post(`${url}/invitations`, { email: 'late@example.test', role: 'observer' }), 409, 'group.status_forbids');
    expect((await client.get(`${url}/invitations`)).statusCode).toBe(200);
    const secretariat = await buildUser(t.db);
    await addCouncilRole(t.db, group.councilId, secretariat.id, 'secretariat');
    const other = await setup();
    const asSecretariat = await signedInClient(t.app, secretariat);
    expect((await asSecretariat.post(`/api/study-groups/${other.group.slug}/invitations`, { email: 'sec@example.test', role: 'observer' })).statusCode).toBe(201);
    const admin = await signedInClient(t.app, await buildUser(t.db, { isAdmin: true }));
    expect((await admin.post(`/api/study-groups/${other.group.slug}/invitations`, { email: 'adm@example.test', role: 'observer' })).statusCode).toBe(201);
    // A plain group role that manages: the group's own secretariat.
    const staff = await buildUser(t.db);
    await addMember(t.db, other.group.id, staff.id, 'secretariat');
    const asStaff = await signedInClient(t.app, staff);
    expect((await asStaff.get(`/api/study-groups/${other.group.slug}/invitations`)).statusCode).toBe(200);
  });
});
