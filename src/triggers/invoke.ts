/**
 * Calling one Cognito trigger: find the function in the pool's LambdaConfig, wrap the request in Cognito's
 * event envelope (version, triggerSource, region, userPoolId, userName, callerContext, request, response),
 * run it (runtime.ts) and hand back the `response` member. Failures become Cognito's errors with Cognito's
 * wording: the function threw → UserLambdaValidationException "{Trigger} failed with error {message}."; it could
 * not be run or timed out → UnexpectedLambdaException "{Trigger} invocation failed due to error {reason}."; it
 * answered something that is not an event → InvalidLambdaResponseException "Unrecognizable lambda output".
 */
import { errors } from '../errors.js';
import type { Services } from '../services.js';
import type { UserPool } from '../user-pools/types.js';
import { runFunction } from './runtime.js';

export type TriggerName =
  | 'PreSignUp' | 'CustomMessage' | 'PostConfirmation' | 'PreAuthentication' | 'PostAuthentication' | 'DefineAuthChallenge'
  | 'CreateAuthChallenge' | 'VerifyAuthChallengeResponse' | 'PreTokenGeneration' | 'UserMigration';

/** Cognito's callerContext.clientId for calls made without an app client (admin operations). */
export const NO_CLIENT = 'CLIENT_ID_NOT_APPLICABLE';

/** The function ARN configured for a trigger, and for PreTokenGeneration its event version. */
export function triggerFunction(pool: UserPool, trigger: TriggerName): { arn: string; version: '1' | '2' | '3' } | undefined {
  const lc = (pool.config.LambdaConfig ?? {}) as Record<string, any>;
  if (trigger === 'PreTokenGeneration') {
    const c = lc.PreTokenGenerationConfig as { LambdaArn?: string; LambdaVersion?: string } | undefined;
    if (c?.LambdaArn) return { arn: c.LambdaArn, version: c.LambdaVersion === 'V3_0' ? '3' : c.LambdaVersion === 'V2_0' ? '2' : '1' };
    return typeof lc.PreTokenGeneration === 'string' && lc.PreTokenGeneration ? { arn: lc.PreTokenGeneration, version: '1' } : undefined;
  }
  const arn = lc[trigger];
  return typeof arn === 'string' && arn ? { arn, version: '1' } : undefined;
}

export const hasTrigger = (pool: UserPool, trigger: TriggerName) => triggerFunction(pool, trigger) !== undefined;

export interface TriggerCall {
  trigger: TriggerName;
  triggerSource: string;
  userName: string;
  clientId?: string;
  request: Record<string, unknown>;
  /** Initial `response` member (CustomMessage and others start with named nulls). */
  response?: Record<string, unknown>;
}

export type TriggerResponse = Record<string, unknown>;

/**
 * Runs the trigger if the pool has it; returns its `response` object, or undefined when no function is
 * configured (callers then do what Cognito does without the trigger).
 */
export async function callTrigger(svc: Services, pool: UserPool, call: TriggerCall): Promise<TriggerResponse | undefined> {
  const fn = triggerFunction(pool, call.trigger);
  if (!fn) return undefined;
  const event = {
    version: fn.version,
    triggerSource: call.triggerSource,
    region: pool.region,
    userPoolId: pool.id,
    userName: call.userName,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: call.clientId ?? NO_CLIENT },
    request: call.request,
    response: call.response ?? {},
  };
  const outcome = await runFunction(svc, fn.arn, event);
  switch (outcome.kind) {
    case 'function-error':
      throw errors.userLambdaValidation(`${call.trigger} failed with error ${outcome.message}.`);
    case 'unexpected':
      svc.log.warn({ trigger: call.trigger, poolId: pool.id, reason: outcome.message }, 'lambda trigger invocation failed');
      throw errors.unexpectedLambda(`${call.trigger} invocation failed due to error ${outcome.message}.`);
    case 'invalid':
      throw errors.invalidLambdaResponse('Unrecognizable lambda output');
    case 'result':
      break;
  }
  let out: unknown;
  try {
    out = JSON.parse(outcome.payload);
  } catch {
    throw errors.invalidLambdaResponse('Unrecognizable lambda output');
  }
  if (!out || typeof out !== 'object' || Array.isArray(out)) throw errors.invalidLambdaResponse('Unrecognizable lambda output');
  const response = (out as Record<string, unknown>).response;
  if (response === undefined || response === null) return {};
  if (typeof response !== 'object' || Array.isArray(response)) throw errors.invalidLambdaResponse('Unrecognizable lambda output');
  return response as TriggerResponse;
}

/** A boolean member of a trigger response; anything but a boolean (or absent/null) is an invalid response. */
export function responseFlag(r: TriggerResponse, name: string): boolean {
  const v = r[name];
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') throw errors.invalidLambdaResponse(`Invalid lambda response: ${name} must be a boolean`);
  return v;
}

/** A string-map member (userAttributes, publicChallengeParameters…); values must be strings. */
export function responseStringMap(r: TriggerResponse, name: string): Record<string, string> | undefined {
  const v = r[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw errors.invalidLambdaResponse(`Invalid lambda response: ${name} must be a map of strings`);
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (x === null || x === undefined) continue;
    if (typeof x !== 'string') throw errors.invalidLambdaResponse(`Invalid lambda response: ${name}.${k} must be a string`);
    out[k] = x;
  }
  return out;
}
