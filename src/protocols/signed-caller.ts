/**
 * SigV4 authentication and IAM authorization shared by the protocol adapters: verify the signature with the
 * secret of whichever credential signed (operator key, IAM user key, STS session with its token), then ask the
 * engine whether that caller may perform `{service}:{Operation}` on the request's resource.
 */
import type { FastifyRequest } from 'fastify';
import { errors } from '../errors.js';
import { verifySigV4, type Principal } from './sigv4.js';
import { resolveSigner, type Caller } from '../access/callers.js';
import { authorize } from '../access/authorize.js';
import { resourceArn } from '../access/resources.js';
import type { Operation } from '../handlers/operation.js';
import type { Services } from '../services.js';

export interface Authenticated { readonly principal: Principal; readonly caller: Caller }

export async function authenticate(svc: Services, req: FastifyRequest, raw: Buffer, service: string, opName: string, regions = svc.regions): Promise<Authenticated> {
  if (req.headers.authorization === undefined && !req.url.includes('X-Amz-Signature=')) {
    throw errors.missingAuthenticationToken(`Missing Authentication Token: ${opName} must be signed with SigV4 (an operator key from 'cognate keys create', an IAM user's key or temporary credentials).`);
  }
  let caller: Caller | undefined;
  const principal = await verifySigV4(
    { method: req.method, url: req.url, headers: req.headers, body: raw },
    {
      service,
      regions,
      now: svc.clock.now(),
      skewSeconds: svc.config.clockSkewSeconds,
      secretFor: async (id, token) => {
        const signer = await resolveSigner(svc, id, token);
        caller = signer.caller;
        return signer.secret;
      },
    },
  );
  return { principal, caller: caller! };
}

/** Throws AccessDeniedException unless the caller may run the operation on the input's resource. */
export function authorizeOperation(svc: Services, req: FastifyRequest, auth: Authenticated, op: Operation, input: unknown): void {
  if (op.unrestricted) return;
  authorize(svc, auth.caller, `${op.service}:${op.name}`, resourceArn(svc, op, input), {
    sourceIp: req.ip,
    secure: req.protocol === 'https',
    region: auth.principal.region,
  });
}
