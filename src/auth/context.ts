/**
 * The request-independent context of one sign-in call (pool, client, which API, where from) and the response
 * shape shared by InitiateAuth and RespondToAuthChallenge. Also the parameter helpers every step uses, so
 * that missing parameters read the same everywhere.
 */
import { errors } from '../errors.js';
import type { Services } from '../services.js';
import type { PoolClient, UserPool } from '../user-pools/types.js';

export interface AuthContext {
  readonly svc: Services;
  readonly pool: UserPool;
  readonly client: PoolClient;
  readonly api: 'public' | 'admin';
  /** Address counted for throttling (the caller's for public calls; ContextData.IpAddress for admin calls). */
  readonly sourceIp?: string;
  readonly clientMetadata?: Readonly<Record<string, string>>;
}

/** AuthenticationResultType as the tokens module returns it. */
export type AuthenticationResult = Record<string, unknown>;

export interface AuthResponse {
  ChallengeName?: string;
  Session?: string;
  ChallengeParameters?: Record<string, string>;
  AuthenticationResult?: AuthenticationResult;
  AvailableChallenges?: string[];
  /** Hosted-UI sign-ins only (see HOSTED_UI_FLOW in next-step.ts): who signed in. */
  [key: symbol]: import('../user-pools/types.js').UserRecord | undefined;
}

export type Params = Readonly<Record<string, string>>;

/** Drops null members (amazon-cognito-identity-js sends `DEVICE_KEY: null` when it forgets a device). */
export function cleanParams(p: Record<string, string | null | undefined> | undefined): Params {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(p ?? {})) if (typeof v === 'string') out[k] = v;
  return out;
}

export function required(p: Params, name: string): string {
  const v = p[name];
  if (v === undefined || v === '') throw errors.invalidParameter(`Missing required parameter ${name}`);
  return v;
}
