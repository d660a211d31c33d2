/**
 * PUT /_user-import/{jobId}?token=… — the PreSignedUrl of CreateUserImportJob: takes the CSV file the way
 * Cognito's guide sends it to S3 (`curl -T users.csv -H "x-amz-server-side-encryption:aws:kms" "$URL"`), any
 * content type, up to 100 MiB (Cognito's limit). The token in the URL is the only credential, checked before the body
 * is read (a stranger cannot make the server buffer 100 MiB); a wrong token and
 * an unknown job get the same 403. Also stops this node's running import jobs on shutdown.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Services } from '../../services.js';
import { ServiceError, errors } from '../../errors.js';
import { sendJsonError } from '../../protocols/aws-json.js';
import { importJobsRepo } from '../../store/import-jobs-repo.js';
import { UPLOAD_PATH, authorizeUpload, stopRunningJobs } from '../../user-import/jobs.js';

export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

export default function userImportUpload(app: FastifyInstance, svc: Services): void {
  app.addHook('onClose', async () => stopRunningJobs(svc));

  const credentials = (req: FastifyRequest) => {
    const token = (req.query as Record<string, unknown>).token;
    return { jobId: (req.params as { jobId: string }).jobId, token: typeof token === 'string' ? token : '' };
  };

  app.put(`${UPLOAD_PATH}/:jobId`, {
    bodyLimit: MAX_UPLOAD_BYTES,
    // Check the URL before reading up to 100 MiB: a stranger's upload is refused at its headers, and the
    // connection is closed instead of draining a body nobody will read.
    onRequest: async (req, reply) => {
      const { jobId, token } = credentials(req);
      try {
        await authorizeUpload(svc, jobId, token);
      } catch (e) {
        reply.header('connection', 'close');
        throw e;
      }
    },
    errorHandler: (err, req, reply) => {
      if (err instanceof ServiceError) return sendJsonError(reply, err);
      if ((err as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        return sendJsonError(reply, errors.invalidParameter(`The CSV file is larger than the ${MAX_UPLOAD_BYTES} bytes allowed.`).withStatus(413));
      }
      // Other framework refusals (a Content-Type that does not parse, a bad Content-Length) are the uploader's.
      const status = (err as { statusCode?: number }).statusCode;
      if (status !== undefined && status >= 400 && status < 500) return sendJsonError(reply, errors.serialization(`The upload could not be read: ${err.message}`));
      req.log.error({ err, reqId: req.id }, 'unexpected error in user import upload');
      return sendJsonError(reply, errors.internal(`Internal error; request id ${req.id}.`));
    },
  }, async (req, reply) => {
    // Checked again now the body is in: the job may have been started while it uploaded.
    const { jobId, token } = credentials(req);
    const job = await authorizeUpload(svc, jobId, token);
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const text = body.toString('utf8');
    // PostgreSQL text cannot hold NUL, and neither can a CSV of user attributes; invalid UTF-8 would be mangled.
    if (text.includes('\u0000') || !Buffer.from(text, 'utf8').equals(body)) {
      throw errors.invalidParameter('The CSV file must be UTF-8 text.');
    }
    await importJobsRepo.saveUpload(svc.db, job.job_id, text, svc.clock.now());
    return reply.status(200).header('etag', `"${createHash('md5').update(body).digest('hex')}"`).send();
  });
}
