/**
 * The user-lifecycle triggers: PreSignUp (SignUp, AdminCreateUser, ExternalProvider) and PostConfirmation
 * (ConfirmSignUp, ConfirmForgotPassword). PreSignUp runs before anything is written, so a handler that refuses
 * leaves no user behind; its autoConfirmUser / autoVerifyEmail / autoVerifyPhone apply to SignUp and federation
 * only (AdminCreateUser ignores them, as Cognito does). PostConfirmation runs after the change is stored: its
 * failure is reported to the caller but does not undo the confirmation.
 */
import type { Services } from '../services.js';
import type { UserPool, UserRecord } from '../user-pools/types.js';
import { callTrigger, responseFlag } from './invoke.js';
import { eventAttributes, metadata } from './events.js';

export interface PreSignUpInput {
  source: 'PreSignUp_SignUp' | 'PreSignUp_AdminCreateUser' | 'PreSignUp_ExternalProvider';
  userName: string;
  attributes: Readonly<Record<string, string>>;
  clientId?: string;
  validationData?: ReadonlyArray<{ Name: string; Value?: string }>;
  clientMetadata?: Readonly<Record<string, string>>;
}

export interface PreSignUpResult {
  autoConfirmUser: boolean;
  autoVerifyEmail: boolean;
  autoVerifyPhone: boolean;
}

const NOTHING: PreSignUpResult = { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false };

export async function preSignUp(svc: Services, pool: UserPool, input: PreSignUpInput): Promise<PreSignUpResult> {
  const request: Record<string, unknown> = { userAttributes: { ...input.attributes } };
  request.validationData = input.validationData ? Object.fromEntries(input.validationData.map((a) => [a.Name, a.Value ?? ''])) : null;
  if (input.clientMetadata) request.clientMetadata = metadata(input.clientMetadata);
  const r = await callTrigger(svc, pool, {
    trigger: 'PreSignUp',
    triggerSource: input.source,
    userName: input.userName,
    clientId: input.clientId,
    request,
    response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
  });
  if (!r || input.source === 'PreSignUp_AdminCreateUser') return NOTHING;
  return { autoConfirmUser: responseFlag(r, 'autoConfirmUser'), autoVerifyEmail: responseFlag(r, 'autoVerifyEmail'), autoVerifyPhone: responseFlag(r, 'autoVerifyPhone') };
}

/** Applies autoVerifyEmail / autoVerifyPhone to attributes that are present. */
export function autoVerified(attrs: Readonly<Record<string, string>>, r: PreSignUpResult): Record<string, string> {
  const out = { ...attrs };
  if (r.autoVerifyEmail && out.email) out.email_verified = 'true';
  if (r.autoVerifyPhone && out.phone_number) out.phone_number_verified = 'true';
  return out;
}

export async function postConfirmation(
  svc: Services,
  pool: UserPool,
  user: UserRecord,
  source: 'PostConfirmation_ConfirmSignUp' | 'PostConfirmation_ConfirmForgotPassword',
  opts: { clientId?: string; clientMetadata?: Readonly<Record<string, string>> } = {},
): Promise<void> {
  const request: Record<string, unknown> = { userAttributes: eventAttributes(pool, user) };
  if (opts.clientMetadata) request.clientMetadata = metadata(opts.clientMetadata);
  await callTrigger(svc, pool, { trigger: 'PostConfirmation', triggerSource: source, userName: user.username, clientId: opts.clientId, request });
}
