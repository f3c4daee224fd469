import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can, GROUP_POLICY, type GroupAction } from '../../../core/policies';
import { checkAttribution } from '../../../core/attribution';
import {
  emptyReport,
  isEmptyReport,
  REPORT_MEETING_STATUSES,
  ZReportTransitionRequest,
  ZReportView,
  ZSaveReport,
  type ReportAction,
  type ReportView,
} from '../../../core/reports';
import type { Actor } from '../../http/actor';
import { requireActor } from '../../http/auth';
import { AppError } from '../../http/errors';
import { authorize, groupAccess, type GroupAccess } from '../study-groups/policy';
import { refuseClosed, saveReport, transitionReport, transitionsFrom } from './commands';
import { meetingOfGroup, meetingPeople, personRef, reportOf } from './queries';

const tags = ['reports'];
const ZSlug = z.string().min(1).max(120).regex(/^[a-z0-9-]+$/);
const ZReportParams = z.object({ slug: ZSlug, meetingId: z.uuid() });
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Holds a role that grants the action in some status of the group (reading a draft does not depend on the group's status). */
function holds(access: GroupAccess, action: GroupAction): boolean {
  const facts = { status: access.snapshot.group.status, isSubGroup: access.snapshot.group.kind === 'sub_group' };
  return can(access.principals, action, facts) || (GROUP_POLICY[action].statuses ?? []).some((status) => can(access.principals, action, { ...facts, status }));
}

/**
 * The Co-Chairs' Report of a meeting (issue #4, part 6). Who may do what:
 * - read: while the report is being drafted, those who write or approve it (the rapporteur, the
 *   co-chairs, the group's secretariat, administrators); once circulated or final, everyone who
 *   may see the group. Only writers and approvers receive the attribution check's findings.
 * - save (PUT): `report.write`, while drafting, once the meeting has been convened.
 * - circulate, reopen, finalize (POST …/transitions): `report.approve` (the co-chairs, who sign it).
 * A closed meeting keeps no report: every route answers 409 `report.closed_meeting`.
 */
export async function reportRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = root;

  async function view(actor: Actor, slug: string, meetingId: string): Promise<ReportView> {
    const access = await groupAccess(root, actor, slug);
    const meeting = await meetingOfGroup(db, access.snapshot.group.id, meetingId);
    refuseClosed(meeting);
    const report = await reportOf(db, meeting.id);
    const status = report?.status ?? 'drafting';
    const insider = holds(access, 'report.write') || holds(access, 'report.approve');
    if (status === 'drafting' && !insider) {
      throw new AppError('report.not_circulated', 'The report is being drafted; the group reads it once the co-chairs circulate it.');
    }
    const content = report?.content ?? emptyReport();
    const people = insider ? await meetingPeople(db, meeting) : null;
    const check = people ? checkAttribution(content, people, meeting.attribution) : null;
    const may = (action: GroupAction) => access.allowed.includes(action);
    const meetingAllows = (step: keyof typeof REPORT_MEETING_STATUSES) => REPORT_MEETING_STATUSES[step].includes(meeting.status);
    const steps = transitionsFrom(report?.status ?? null);
    const allowedActions: ReportAction[] = [];
    if (may('report.write') && status === 'drafting' && meetingAllows('save')) allowedActions.push('save');
    if (may('report.approve') && report) {
      const passes = check?.ok === true;
      if (steps.includes('circulate') && meetingAllows('circulate') && !isEmptyReport(content) && passes) allowedActions.push('circulate');
      if (steps.includes('reopen') && meetingAllows('reopen')) allowedActions.push('reopen');
      if (steps.includes('finalize') && meetingAllows('finalize') && passes) allowedActions.push('finalize');
    }
    return {
      meetingId: meeting.id,
      content,
      status,
      version: report?.version ?? 0,
      updatedBy: await personRef(db, report?.updatedBy ?? null),
      updatedAt: iso(report?.updatedAt ?? null),
      circulatedAt: iso(report?.circulatedAt ?? null),
      finalizedAt: iso(report?.finalizedAt ?? null),
      attribution: meeting.attribution,
      meetingStatus: meeting.status,
      check,
      people,
      allowedActions,
    };
  }

  app.get(
    '/api/study-groups/:slug/meetings/:meetingId/report',
    { schema: { tags, summary: "The meeting's Co-Chairs' Report, with the attribution check for those who write it", params: ZReportParams, response: { 200: ZReportView } } },
    async (req) => view(requireActor(req), req.params.slug, req.params.meetingId),
  );

  app.put(
    '/api/study-groups/:slug/meetings/:meetingId/report',
    { schema: { tags, summary: 'Save the report as a new version (while drafting; send the version you started from)', params: ZReportParams, body: ZSaveReport, response: { 200: ZReportView } } },
    async (req) => {
      const actor = requireActor(req);
      const access = await groupAccess(root, actor, req.params.slug);
      authorize(access, 'report.write');
      await db.transaction((tx) => saveReport(tx, { actor, group: access.snapshot.group, meetingId: req.params.meetingId, ...req.body }));
      await root.changes.sync();
      return view(actor, req.params.slug, req.params.meetingId);
    },
  );

  app.post(
    '/api/study-groups/:slug/meetings/:meetingId/report/transitions',
    {
      schema: {
        tags,
        summary: 'Circulate the report to the group (refused while the attribution check finds names or a warning is unanswered: send `acknowledge`), reopen it, or make it final',
        params: ZReportParams,
        body: ZReportTransitionRequest,
        response: { 200: ZReportView },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const access = await groupAccess(root, actor, req.params.slug);
      authorize(access, 'report.approve');
      await db.transaction((tx) => transitionReport(tx, { actor, group: access.snapshot.group, meetingId: req.params.meetingId, transition: req.body.transition, acknowledge: req.body.acknowledge }));
      await root.changes.sync();
      return view(actor, req.params.slug, req.params.meetingId);
    },
  );
}
