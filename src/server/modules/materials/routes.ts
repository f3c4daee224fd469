import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LIMITS } from '../../../core/limits';
import { ZMaterialFields, ZMaterialList, ZMaterialUploadForm, ZMaterialVersion, ZMaterialVersionList, ZMaterialVersionUploadForm, ZMaterialView, type MaterialFields } from '../../../core/materials';
import { requireActor } from '../../http/auth';
import { AppError } from '../../http/errors';
import type { Sniffed } from '../../storage/sniff';
import { openFileStorage } from '../../storage/storage';
import { authorize, groupAccess, type GroupAccess } from '../study-groups/policy';
import { addMaterial, addVersion, requireCurrentMember, requireSessionOfMeeting, withdrawMaterial, type StoredFile } from './commands';
import { listMaterials, listVersions, materialView, meetingOfGroup, ownsMaterial, versionFile, visibleMaterial, type Viewer } from './queries';
import { contentDisposition, MULTIPART_LIMITS, readUpload, requireAllowedType, safeFileName, type Upload } from './upload';

const tags = ['materials'];
const ZSlug = z.string().min(1).max(120).regex(/^[a-z0-9-]+$/);
const ZMeetingParams = z.object({ slug: ZSlug, meetingId: z.uuid() });
const ZMaterialParams = ZMeetingParams.extend({ materialId: z.uuid() });
const ZVersionParams = ZMaterialParams.extend({ n: z.coerce.number().int().min(1).max(1_000_000) });
const MB = LIMITS.materialBytes / (1024 * 1024);
const REFUSED_UPLOADS = `Refused: a file over ${MB} MB (413 request.too_large, nothing stored), a type other than PDF, DOCX, PPTX, PNG, JPEG, GIF or WebP as recognised from the content — whatever the name says (415 material.type_not_allowed).`;

/**
 * The multipart body is read part by part in the handler (the file streams into memory under
 * the size limit); the body schema is there for the OpenAPI document only.
 */
function documentOnlyBody<T>(route: Parameters<FastifySchemaCompiler<T>>[0]) {
  return route.httpPart === 'body' ? () => true : validatorCompiler(route as unknown as Parameters<typeof validatorCompiler>[0]);
}

const viewerOf = (req: FastifyRequest, access: GroupAccess): Viewer => ({ userId: requireActor(req).user.id, slug: access.snapshot.group.slug, allowed: access.allowed });

function fieldErrors(error: z.ZodError) {
  return error.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), code: i.code, message: i.message }));
}

/** The upload's fields, checked as a JSON body would be (400 validation.failed naming each field). */
function parseFields(upload: Upload): MaterialFields {
  const parsed = ZMaterialFields.safeParse(upload.fields);
  const errors = parsed.success ? [] : fieldErrors(parsed.error);
  if (!upload.file) errors.push({ path: 'body.file', code: 'invalid_type', message: 'Attach the file in a part named file' });
  if (!parsed.success || errors.length) throw new AppError('validation.failed', `The upload has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}.`, { errors });
  return parsed.data;
}

/**
 * Materials of a meeting: papers, slides and images, each with its versions. Reading (list,
 * versions, download) needs `group.view` — those who may not see the group get 404, as if
 * nothing were there; uploading needs `materials.add`; adding a version or withdrawing, the
 * uploader or author of the material (with `materials.add`) or those with `meetings.manage`.
 */
export async function materialRoutes(root: FastifyInstance) {
  const storage = await openFileStorage(root.config.dataDir);
  // Multipart is parsed for these routes only; the rest of the API keeps accepting JSON alone.
  await root.register(fastifyMultipart, { limits: MULTIPART_LIMITS, throwFileSizeLimit: true });
  const app = root.withTypeProvider<ZodTypeProvider>();
  const db = root.db;

  /** Checks what the database can refuse before the bytes go to storage, so a refusal leaves no file behind (the transaction checks again). */
  async function precheck(groupId: string, meetingId: string, fields: MaterialFields) {
    if (fields.authorId) await requireCurrentMember(db, groupId, fields.authorId);
    if (fields.sessionId) await requireSessionOfMeeting(db, meetingId, fields.sessionId);
  }

  /** Names the file safely for its type and stores it (before any row names it). */
  async function store(file: NonNullable<Upload['file']>, type: Sniffed): Promise<StoredFile> {
    const fileName = safeFileName(file.filename, type.type);
    const { sha256, size } = await storage.put(file.bytes);
    return { ...type, sha256, size, fileName };
  }

  app.get(
    '/api/study-groups/:slug/meetings/:meetingId/materials',
    {
      schema: {
        tags,
        summary: "A meeting's materials with their authors and latest versions",
        description: 'Whoever may see the group. Withdrawn materials are listed (with withdrawnAt) only for those who manage the meetings.',
        params: ZMeetingParams,
        response: { 200: ZMaterialList },
      },
    },
    async (req) => {
      const access = await groupAccess(root, requireActor(req), req.params.slug);
      const meeting = await meetingOfGroup(db, access.snapshot.group.id, req.params.meetingId);
      return { items: await listMaterials(db, viewerOf(req, access), meeting.id) };
    },
  );

  app.post(
    '/api/study-groups/:slug/meetings/:meetingId/materials',
    {
      schema: {
        tags,
        summary: 'Upload a material (multipart/form-data: title, kind, authorId?, sessionId?, file)',
        description: `Needs materials.add (participants, observers included). The author must be a current member of the group (422 material.author_not_member); the session one of this meeting (422 material.session_unknown). ${REFUSED_UPLOADS}`,
        consumes: ['multipart/form-data'],
        params: ZMeetingParams,
        body: ZMaterialUploadForm,
        response: { 201: ZMaterialView },
      },
      validatorCompiler: documentOnlyBody,
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const access = await groupAccess(root, actor, req.params.slug);
      const meeting = await meetingOfGroup(db, access.snapshot.group.id, req.params.meetingId);
      authorize(access, 'materials.add');
      const upload = await readUpload(req);
      const fields = parseFields(upload);
      const file = upload.file as NonNullable<Upload['file']>;
      const type = requireAllowedType(file.bytes);
      await precheck(access.snapshot.group.id, meeting.id, fields);
      const stored = await store(file, type);
      const ctx = { actor, groupId: access.snapshot.group.id, meetingId: meeting.id };
      const id = await db.transaction((tx) => addMaterial(tx, ctx, fields, stored));
      return reply.code(201).send(await materialView(db, viewerOf(req, access), meeting.id, id));
    },
  );

  app.get(
    '/api/study-groups/:slug/meetings/:meetingId/materials/:materialId/versions',
    {
      schema: {
        tags,
        summary: 'A material and all its versions, newest first',
        params: ZMaterialParams,
        response: { 200: ZMaterialVersionList },
      },
    },
    async (req) => {
      const access = await groupAccess(root, requireActor(req), req.params.slug);
      const meeting = await meetingOfGroup(db, access.snapshot.group.id, req.params.meetingId);
      const viewer = viewerOf(req, access);
      const material = await visibleMaterial(db, viewer, meeting.id, req.params.materialId);
      const [view, versions] = await Promise.all([materialView(db, viewer, meeting.id, material.id), listVersions(db, viewer, meeting.id, material.id)]);
      return { material: view, versions };
    },
  );

  app.post(
    '/api/study-groups/:slug/meetings/:meetingId/materials/:materialId/versions',
    {
      schema: {
        tags,
        summary: 'Upload a new version of a material (multipart/form-data: file)',
        description: `The uploader or author of the material (with materials.add), or those who manage the meetings. Refused: a withdrawn material (409 material.withdrawn), the same file as the latest version (409 material.same_as_latest). ${REFUSED_UPLOADS}`,
        consumes: ['multipart/form-data'],
        params: ZMaterialParams,
        body: ZMaterialVersionUploadForm,
        response: { 201: z.object({ material: ZMaterialView, version: ZMaterialVersion }) },
      },
      validatorCompiler: documentOnlyBody,
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const access = await groupAccess(root, actor, req.params.slug);
      const meeting = await meetingOfGroup(db, access.snapshot.group.id, req.params.meetingId);
      const viewer = viewerOf(req, access);
      const material = await visibleMaterial(db, viewer, meeting.id, req.params.materialId);
      authorize(access, 'materials.add');
      if (!ownsMaterial(viewer, material)) authorize(access, 'meetings.manage');
      if (material.withdrawnAt) throw new AppError('material.withdrawn', 'This material was withdrawn; upload the file as a new material.');
      const upload = await readUpload(req);
      if (!upload.file) throw new AppError('validation.failed', 'Attach the file in a part named file.', { errors: [{ path: 'body.file', code: 'invalid_type', message: 'Attach the file in a part named file' }] });
      const stored = await store(upload.file, requireAllowedType(upload.file.bytes));
      const ctx = { actor, groupId: access.snapshot.group.id, meetingId: meeting.id };
      const number = await db.transaction(async (tx) => addVersion(tx, ctx, await visibleMaterial(tx, viewer, meeting.id, material.id, { forUpdate: true }), stored));
      const [view, versions] = await Promise.all([materialView(db, viewer, meeting.id, material.id), listVersions(db, viewer, meeting.id, material.id)]);
      const version = versions.find((v) => v.number === number) as (typeof versions)[number];
      return reply.code(201).send({ material: view, version });
    },
  );

  app.get(
    '/api/study-groups/:slug/meetings/:meetingId/materials/:materialId/versions/:n/file',
    {
      schema: {
        tags,
        summary: "Download one version's file",
        description:
          'Whoever may see the group (others 404). Sent as an attachment with the type its content was recognised as, the file name in Content-Disposition (RFC 5987 for names beyond ASCII), nosniff, and Cache-Control private with the content hash as ETag (If-None-Match → 304).',
        params: ZVersionParams,
        response: {
          200: { description: 'The file', content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } } },
          304: z.null().describe('Not modified'),
        },
      },
      onSend: async (_req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
        // The API's default is no-store; a file may stay in the browser's own cache, revalidated by ETag.
        if (reply.statusCode === 200 || reply.statusCode === 304) reply.header('cache-control', 'private, no-cache');
        return payload;
      },
    },
    async (req, reply) => {
      const access = await groupAccess(root, requireActor(req), req.params.slug);
      const meeting = await meetingOfGroup(db, access.snapshot.group.id, req.params.meetingId);
      const material = await visibleMaterial(db, viewerOf(req, access), meeting.id, req.params.materialId);
      const file = await versionFile(db, material.id, req.params.n);
      const etag = `"${file.sha256}"`;
      reply.header('etag', etag);
      if (req.headers['if-none-match']?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return reply.code(304).send(null);
      const stream = await storage.get(file.sha256);
      if (!stream) throw new Error(`stored file ${file.sha256} is missing from storage`);
      return reply
        .type(file.mimeType)
        .header('content-length', String(file.size))
        .header('content-disposition', contentDisposition(file.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; frame-ancestors 'none'; sandbox")
        .send(stream as never); // a stream is sent as it is, never through the (documentation-only) 200 schema
    },
  );

  app.delete(
    '/api/study-groups/:slug/meetings/:meetingId/materials/:materialId',
    {
      schema: {
        tags,
        summary: 'Withdraw a material: kept with its versions, hidden from all but those who manage the meetings',
        description: 'The uploader or author of the material (with materials.add), or those with meetings.manage. Withdrawing a withdrawn material changes nothing.',
        params: ZMaterialParams,
        response: { 200: ZMaterialView },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const access = await groupAccess(root, actor, req.params.slug);
      const meeting = await meetingOfGroup(db, access.snapshot.group.id, req.params.meetingId);
      const viewer = viewerOf(req, access);
      const material = await visibleMaterial(db, viewer, meeting.id, req.params.materialId);
      if (!access.allowed.includes('meetings.manage')) {
        if (ownsMaterial(viewer, material)) authorize(access, 'materials.add');
        else authorize(access, 'meetings.manage');
      }
      const ctx = { actor, groupId: access.snapshot.group.id, meetingId: meeting.id };
      await db.transaction(async (tx) => withdrawMaterial(tx, ctx, await visibleMaterial(tx, viewer, meeting.id, material.id, { forUpdate: true })));
      return materialView(db, viewer, meeting.id, material.id);
    },
  );
}
