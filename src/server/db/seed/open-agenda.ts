import type { Db } from '../client';
import { agendaItems, sessionAgendaItems } from '../schema';

/**
 * The demo group's open agenda: the issue areas of the proposal's 'Open' principle ("trust
 * building measures in the Korean Peninsula, reducing tensions in various bilateral
 * relationships, environmental protection, fighting transnational crimes and other
 * nontraditional cooperation to hardcore military security issues"), each raised by a
 * participant in their own language, observers included (the 'Plus' principle). One was closed
 * by the co-chairs and one withdrawn, so every state is seen. `sessions` are indexes into the
 * first meeting's timetable (0 = opening).
 */
export const demoAgenda: {
  title: string;
  description: string;
  lang: string;
  by: string;
  raisedOn: string;
  sessions: number[];
  status?: { to: 'closed' | 'withdrawn'; reason: string | null; on: string };
}[] = [
  {
    title: 'Trust-building measures on the Korean Peninsula',
    description: 'Which confidence-building steps (military hotlines, notification of exercises, joint remains recovery) could be revived, and what a regional framework adds to inter-Korean talks.',
    lang: 'en',
    by: 'kr-head',
    raisedOn: '2019-09-05T01:00:00Z',
    sessions: [2],
  },
  {
    title: '二国間関係における緊張の緩和',
    description: '日韓・日中・中韓の各関係で協力を妨げてきた争点を公平に見直し、対話の継続を保証する仕組みを検討する。',
    lang: 'ja',
    by: 'jp-head',
    raisedOn: '2019-09-06T02:00:00Z',
    sessions: [2],
  },
  {
    title: '环境保护：跨境空气污染与海洋环境',
    description: '东北亚跨境大气污染（细颗粒物、沙尘）和黄海海洋环境的共同监测与数据共享机制。',
    lang: 'zh',
    by: 'cn-head',
    raisedOn: '2019-09-09T03:00:00Z',
    sessions: [3],
  },
  {
    title: 'Fighting transnational crime at sea',
    description: 'Piracy, smuggling and illegal fishing: what coast-guard cooperation exists, and what an observer from outside the region has seen work elsewhere.',
    lang: 'en',
    by: 'ca-observer',
    raisedOn: '2019-09-10T16:00:00Z',
    sessions: [3],
  },
  {
    title: '비전통 안보 협력: 재난 대응과 보건 안보',
    description: '지진·태풍 등 대규모 재난과 감염병에 대한 역내 공동 대응 체계를 비전통 안보 협력의 출발점으로 삼을 수 있는지 검토한다.',
    lang: 'ko',
    by: 'kr-member',
    raisedOn: '2019-09-11T05:00:00Z',
    sessions: [3],
  },
  {
    title: 'Hard military security: missile defence and military transparency',
    description: 'How missile-defence deployments and the lack of transparency in military budgets feed insecurity, and which transparency measures the region could accept.',
    lang: 'en',
    by: 'us-head',
    raisedOn: '2019-09-12T14:00:00Z',
    sessions: [1, 4],
  },
  {
    title: 'Historical issues that have blocked regional cooperation',
    description: 'A fair look at the divisive issues the proposal names, and how far the group can go to overcome them.',
    lang: 'en',
    by: 'cn-member',
    raisedOn: '2019-09-16T02:00:00Z',
    sessions: [],
    status: { to: 'closed', reason: 'Taken up with item 2 at the first meeting; the co-chairs will keep it within that item.', on: '2019-10-25T08:00:00Z' },
  },
  {
    title: 'Maritime search and rescue cooperation',
    description: 'Joint exercises and shared procedures for search and rescue in the Yellow Sea and the East China Sea.',
    lang: 'en',
    by: 'eu-observer',
    raisedOn: '2019-09-18T09:00:00Z',
    sessions: [],
    status: { to: 'withdrawn', reason: null, on: '2019-10-02T09:00:00Z' },
  },
  {
    title: 'Early-warning and crisis-communication mechanisms',
    description: 'Raised at the close of the first meeting for the second: what a regional early-warning network and standing crisis lines between capitals would need.',
    lang: 'en',
    by: 'us-cochair',
    raisedOn: '2019-10-25T08:30:00Z',
    sessions: [],
  },
];

export async function seedOpenAgenda(
  tx: Db,
  opts: { groupId: string; userId: (key: string) => string; committeeOf: (key: string) => string | null; firstMeetingSessionIds: string[] },
) {
  const rows = await tx
    .insert(agendaItems)
    .values(
      demoAgenda.map((item, i) => ({
        groupId: opts.groupId,
        number: i + 1,
        title: item.title,
        description: item.description,
        lang: item.lang,
        status: item.status?.to ?? ('open' as const),
        statusReason: item.status?.reason ?? null,
        proposedBy: opts.userId(item.by),
        committeeId: opts.committeeOf(item.by),
        version: item.status ? 2 : 1,
        createdAt: new Date(item.raisedOn),
        updatedAt: new Date(item.status?.on ?? item.raisedOn),
      })),
    )
    .returning({ id: agendaItems.id, number: agendaItems.number });
  const links = demoAgenda.flatMap((item, i) =>
    item.sessions.map((s) => ({ sessionId: opts.firstMeetingSessionIds[s] as string, agendaItemId: rows[i]?.id as string, position: 0 })),
  );
  // Each session lists its items in their numbers' order.
  const bySession = new Map<string, typeof links>();
  for (const l of links) bySession.set(l.sessionId, [...(bySession.get(l.sessionId) ?? []), l]);
  const ordered = [...bySession.values()].flatMap((list) => list.map((l, position) => ({ ...l, position })));
  if (ordered.length) await tx.insert(sessionAgendaItems).values(ordered);
}
