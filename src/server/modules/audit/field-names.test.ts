import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_FIELD_NAMES } from '../../../core/audit';
import { agendaItems, auditEvents, meetings, studyGroups } from '../../db/schema';
import { DEMO_GROUP_SLUG } from '../../db/seed/demo';
import { createTestContext, type TestContext } from '../../test/context';
import { loadDemo } from '../../test/demo';

let t: TestContext;
let demo: Awaited<ReturnType<typeof loadDemo>>;
beforeAll(async () => {
  t = await createTestContext();
  demo = await loadDemo(t);
});
afterAll(() => t?.close());

describe('the field names an audit event lists', () => {
  it('are all ones the audit trail has words for (AUDIT_FIELD_NAMES)', async () => {
    const client = await demo.as('us-cochair', { admin: true });
    const g = `/api/study-groups/${DEMO_GROUP_SLUG}`;
    const [group] = await t.db.select().from(studyGroups).where(eq(studyGroups.slug, DEMO_GROUP_SLUG));
    const [item] = await t.db.select().from(agendaItems).where(eq(agendaItems.groupId, group?.id as string)).limit(1);
    const edited = await client.patch(`${g}/agenda/${item?.id}`, { title: 'Submarine cable repair permits', description: 'Faster permits.', lang: 'fr', version: item?.version });
    expect(edited.statusCode, edited.body).toBe(200);
    const [meeting] = await t.db.select().from(meetings).where(and(eq(meetings.groupId, group?.id as string), eq(meetings.sequence, 2)));
    const moved = await client.patch(`${g}/meetings/${meeting?.id}`, {
      title: 'Second meeting',
      hostCommitteeCode: 'JP',
      city: 'Tokyo',
      venue: 'A fictional hall',
      timeZone: 'Asia/Tokyo',
      start: '2027-05-10T09:00',
      end: '2027-05-11T17:00',
      format: 'hybrid',
      onlineUrl: 'https://meet.example/sg',
      attribution: 'on_record',
      version: meeting?.version,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const profile = await client.patch('/api/me', { displayName: 'J. R. Ashby', names: { latin: 'J. R. Ashby', hangul: '애쉬비', hanzi: '阿什比', kanji: 'アシュビー' }, affiliation: 'Elsewhere', locale: 'ko', timeZone: 'Asia/Seoul' });
    expect(profile.statusCode, profile.body).toBe(200);

    const rows = await t.db.select({ action: auditEvents.action, fields: sql<string[]>`${auditEvents.data}->'fields'` }).from(auditEvents).where(isNotNull(sql`${auditEvents.data}->'fields'`));
    expect(new Set(rows.map((r) => r.action))).toEqual(new Set(['agenda.item_updated', 'meeting.updated', 'user.updated']));
    const written = rows.flatMap((r) => r.fields);
    expect(written.filter((f) => !(AUDIT_FIELD_NAMES as readonly string[]).includes(f))).toEqual([]);
    expect(written).toEqual(expect.arrayContaining(['title', 'hostCommitteeId', 'startsAt', 'plannedMonth', 'names.hangul', 'locale']));
  });
});
