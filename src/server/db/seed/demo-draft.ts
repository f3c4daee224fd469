import { blocksOfState, stateFromParagraphs } from '../../collaboration/ydoc';
import type { Db } from '../client';
import { amendments, draftComments, draftVersions, drafts, positions, recommendationOutcomes } from '../schema';

/**
 * The demo group's first draft of recommendations, as it stood before the second meeting: four
 * recommendations between findings, a named version, each delegation's position on it (one full
 * consensus, one objection, one reservation, one still silent), two colliding amendments, one adding a paragraph, and a
 * rejected one, the co-chairs' outcome on the first, and an observer's comment thread. All text
 * is illustrative and the people fictional.
 */
const text: (string | { text: string; kind: 'text' | 'recommendation' })[] = [
  'The study group met in Seoul on 24–25 October 2019 to evaluate the sources of insecurity in Northeast Asia. Participants took part in a private capacity; the recommendations below are offered to member committees for transmission to their governments.',
  { text: 'Member committees should encourage their governments to establish direct military hotlines between neighbouring states of the region, staffed at all hours.', kind: 'recommendation' },
  { text: 'Governments should notify one another in advance of large-scale military exercises near shared maritime boundaries.', kind: 'recommendation' },
  'Environmental cooperation is a field in which trust can be built without touching core security interests.',
  { text: 'A regional network should monitor transboundary air pollution and share its data openly with the public.', kind: 'recommendation' },
  { text: 'The coast guards of the region should meet every year on search and rescue and on fighting transnational crime at sea.', kind: 'recommendation' },
];

export async function seedDemoDraft(tx: Db, opts: { groupId: string; userId: (key: string) => string; committeeId: (code: string) => string }) {
  const { userId, committeeId } = opts;
  const state = stateFromParagraphs(text);
  const blocks = blocksOfState(state);
  const uid = (i: number) => blocks[i]?.uid as string;
  const [draft] = await tx
    .insert(drafts)
    .values({
      groupId: opts.groupId,
      number: 1,
      title: 'Recommendations on confidence-building in Northeast Asia',
      lang: 'en',
      status: 'under_discussion',
      state,
      createdBy: userId('kr-cochair'),
      createdAt: new Date('2019-11-25T01:00:00Z'),
      updatedAt: new Date('2020-01-20T01:00:00Z'),
    })
    .returning();
  if (!draft) throw new Error('draft insert returned nothing');
  const [version] = await tx
    .insert(draftVersions)
    .values({ draftId: draft.id, number: 1, name: 'Draft for the second meeting', state, blocks, createdBy: userId('kr-cochair'), createdAt: new Date('2019-12-16T01:00:00Z') })
    .returning();
  if (!version) throw new Error('version insert returned nothing');

  // Positions of the four delegations on version 1 (observers take none).
  const heads = { KR: 'kr-head', CN: 'cn-head', JP: 'jp-head', US: 'us-head' } as const;
  const stated: { rec: number; code: keyof typeof heads; position: 'support' | 'can_live_with' | 'reservation' | 'objection'; text?: string; change?: string }[] = [
    { rec: 1, code: 'KR', position: 'support' },
    { rec: 1, code: 'CN', position: 'can_live_with' },
    { rec: 1, code: 'JP', position: 'support' },
    { rec: 1, code: 'US', position: 'support' },
    { rec: 2, code: 'KR', position: 'support' },
    { rec: 2, code: 'CN', position: 'objection', change: 'Limit the notification to exercises within 50 nautical miles of a shared boundary.' },
    { rec: 2, code: 'JP', position: 'support' },
    { rec: 2, code: 'US', position: 'support' },
    { rec: 4, code: 'KR', position: 'support' },
    { rec: 4, code: 'CN', position: 'support' },
    { rec: 4, code: 'JP', position: 'reservation', text: 'CSCAP-Japan supports the network, subject to the data-protection laws of each country.' },
    { rec: 4, code: 'US', position: 'can_live_with' },
  ];
  await tx.insert(positions).values(
    stated.map((s, i) => ({
      draftId: draft.id,
      versionId: version.id,
      recommendationUid: uid(s.rec),
      committeeId: committeeId(s.code),
      position: s.position,
      text: s.text ?? null,
      change: s.change ?? null,
      recordedBy: userId(heads[s.code]),
      recordedAt: new Date(Date.UTC(2020, 0, 6 + i, 2)),
    })),
  );
  // The co-chairs found full consensus on the hotlines.
  await tx.insert(recommendationOutcomes).values({ draftId: draft.id, recommendationUid: uid(1), versionId: version.id, outcome: 'adopted', grade: 'full_consensus', declaredBy: userId('kr-cochair'), declaredAt: new Date('2020-01-20T01:00:00Z') });

  // Two amendments to the notification recommendation collide; one on pollution data was rejected.
  await tx.insert(amendments).values([
    {
      draftId: draft.id,
      number: 1,
      versionId: version.id,
      blockUid: uid(2),
      originalText: blocks[2]?.text ?? '',
      proposedText: 'Governments should notify one another at least 30 days in advance of large-scale military exercises near shared maritime boundaries, and invite observers where they can.',
      rationale: 'A fixed notice period and observers make the measure verifiable.',
      proposedBy: userId('jp-head'),
      committeeId: committeeId('JP'),
      createdAt: new Date('2020-01-08T03:00:00Z'),
    },
    {
      draftId: draft.id,
      number: 2,
      versionId: version.id,
      blockUid: uid(2),
      originalText: blocks[2]?.text ?? '',
      proposedText: 'Governments should notify one another in advance of large-scale military exercises within 50 nautical miles of a shared maritime boundary.',
      rationale: 'This is the change that would let CSCAP-China live with the text.',
      proposedBy: userId('cn-head'),
      committeeId: committeeId('CN'),
      createdAt: new Date('2020-01-09T03:00:00Z'),
    },
    {
      draftId: draft.id,
      number: 3,
      versionId: version.id,
      blockUid: uid(4),
      originalText: blocks[4]?.text ?? '',
      proposedText: 'A regional network should monitor transboundary air pollution and share its data among governments.',
      rationale: 'Open publication may meet resistance; sharing among governments comes first.',
      proposedBy: userId('us-member'),
      committeeId: committeeId('US'),
      status: 'rejected',
      decidedBy: userId('kr-cochair'),
      decidedAt: new Date('2020-01-15T03:00:00Z'),
      decisionReason: 'The group prefers open data; the reservation of CSCAP-Japan covers the legal limits.',
      createdAt: new Date('2020-01-10T03:00:00Z'),
    },
    {
      // A new recommendation, proposed to follow the one on notification.
      draftId: draft.id,
      number: 4,
      versionId: version.id,
      blockUid: null,
      afterUid: uid(2),
      originalText: '',
      proposedText: 'Governments should agree on a common procedure for unplanned encounters at sea between their coast guards.',
      rationale: 'Incidents at sea begin with coast guards more often than with navies.',
      proposedBy: userId('kr-member'),
      committeeId: committeeId('KR'),
      createdAt: new Date('2020-01-12T03:00:00Z'),
    },
  ]);

  // An observer's thread on the hotlines, answered by a delegation head.
  const quote = 'staffed at all hours';
  const start = (blocks[1]?.text ?? '').indexOf(quote);
  const [thread] = await tx
    .insert(draftComments)
    .values({
      draftId: draft.id,
      blockUid: uid(1),
      anchorStart: start,
      anchorEnd: start + quote.length,
      quote,
      body: 'Experience elsewhere suggests naming a duty officer on each side, or the line goes unanswered at night.',
      authorId: userId('ca-observer'),
      mentions: [userId('kr-cochair')],
      createdAt: new Date('2020-01-07T16:00:00Z'),
    })
    .returning();
  if (!thread) throw new Error('comment insert returned nothing');
  await tx.insert(draftComments).values({
    draftId: draft.id,
    threadId: thread.id,
    body: 'Agreed; we can add it in the commentary rather than the recommendation itself.',
    authorId: userId('kr-head'),
    createdAt: new Date('2020-01-08T01:00:00Z'),
  });
}
