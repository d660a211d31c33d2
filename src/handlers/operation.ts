/**
 * What an API operation is: its service and wire name, whether Cognito authorizes it with IAM (SigV4), the zod
 * schema of its input, and a thin `run` that calls domain code and shapes the output. One file per operation
 * under src/handlers/{service}/ exports `default operation({...})`; the registry discovers them.
 */
import type { z } from 'zod';
import type { Services } from '../services.js';
import type { Principal } from '../protocols/sigv4.js';
import type { Caller } from '../access/callers.js';

export interface OperationContext {
  readonly svc: Services;
  readonly requestId: string;
  /** The verified signer, for IAM-authorized operations. */
  readonly principal?: Principal;
  /** Who signed (operator key, IAM user, role session), for IAM-authorized operations. */
  readonly caller?: Caller;
  readonly sourceIp: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

export interface Operation<S extends z.ZodTypeAny = z.ZodTypeAny, O = unknown> {
  /** The wire service (the handler directory): cognito-idp, cognito-identity, sts, iam. */
  readonly service: string;
  readonly name: string;
  readonly auth: 'iam' | 'none';
  readonly input: S;
  /** For docs/compatibility.md: set when the operation is only partly Cognito-compatible. */
  readonly compat?: { readonly status: 'partial'; readonly missing: string };
  /** The resource ARN the call acts on, for IAM authorization (default: src/access/resources.ts). */
  readonly resource?: (input: z.infer<S>, svc: Services) => string;
  /** Any authenticated caller may call it, whatever its policies (GetCallerIdentity). */
  readonly unrestricted?: boolean;
  run(input: z.infer<S>, ctx: OperationContext): Promise<O>;
}

export function operation<S extends z.ZodTypeAny, O>(def: Operation<S, O>): Operation<S, O> {
  return def;
}
