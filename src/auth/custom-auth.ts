/**
 * CUSTOM_AUTH: the DefineAuthChallenge / CreateAuthChallenge / VerifyAuthChallengeResponse loop. Define decides
 * from the challenge history (session[{challengeName, challengeResult, challengeMetadata}]) whether to issue
 * tokens, fail, or pose another challenge; Create makes a CUSTOM_CHALLENGE (public parameters go to the
 * client, private ones stay in our sealed session); Verify judges the ANSWER. With CHALLENGE_NAME=SRP_A the
 * loop can first demand the password by SRP (Define answers PASSWORD_VERIFIER). Every round gets a fresh
 * single-use session, so the history cannot be replayed or forged by the client. Tokens are only ever issued
 * when Define says so for a real, sign-in-able user.
 */
import { errors } from '../errors.js';
import type { UserRecord } from '../user-pools/types.js';
import { findUser, userByKey } from '../users/lookup.js';
import { callTrigger, hasTrigger, responseFlag, responseStringMap } from '../triggers/invoke.js';
import { eventAttributes, metadata } from '../triggers/events.js';
import { preAuthentication } from '../triggers/sign-in.js';
import { assertSecretHash } from './client-secret.js';
import { type AuthContext, type AuthResponse, type Params, required } from './context.js';
import { hidesUserExistence } from './flows.js';
import { finish } from './next-step.js';
import { WRONG_PASSWORD } from './password-auth.js';
import { EXPIRED_MESSAGE, consumeSession, createSession, expectChallenge, loadSession, type SessionState } from './sessions.js';
import { startSrp } from './srp-auth.js';
import { assertCanSignIn } from './status.js';

export interface ChallengeResult {
  challengeName: string;
  challengeResult: boolean;
  challengeMetadata?: string;
}

/** The custom-auth part of a session's state. */
export interface CustomState {
  history: ChallengeResult[];
  privateParameters?: Record<string, string>;
  challengeMetadata?: string;
}

/** Cognito bounds the loop; a Define handler that never decides must not keep a session alive forever. */
const MAX_ROUNDS = 16;

interface Subject {
  username: string;
  user?: UserRecord;
}

const attributesOf = (ctx: AuthContext, s: Subject) => (s.user ? eventAttributes(ctx.pool, s.user) : {});

function request(ctx: AuthContext, s: Subject, extra: Record<string, unknown>): Record<string, unknown> {
  const r: Record<string, unknown> = { userAttributes: attributesOf(ctx, s), ...extra, userNotFound: !s.user };
  if (ctx.clientMetadata) r.clientMetadata = metadata(ctx.clientMetadata);
  return r;
}

export async function startCustomAuth(ctx: AuthContext, p: Params): Promise<AuthResponse> {
  const { svc, pool, client } = ctx;
  if (!hasTrigger(pool, 'DefineAuthChallenge')) throw errors.invalidParameter('Custom auth lambda trigger is not configured for the user pool.');
  const username = required(p, 'USERNAME');
  await assertSecretHash(client, [username], p.SECRET_HASH);
  const user = await findUser(svc, pool, username);
  if (!user && !hidesUserExistence(client)) throw errors.userNotFound('User does not exist.');
  if (user) assertCanSignIn(svc, user);
  const subject: Subject = { username: user?.username ?? username, user };
  const withSrp = p.CHALLENGE_NAME === 'SRP_A';
  if (withSrp) required(p, 'SRP_A');
  else if (user) await preAuthentication(svc, pool, user, { clientId: client.id, clientMetadata: ctx.clientMetadata });
  const history: ChallengeResult[] = withSrp ? [{ challengeName: 'SRP_A', challengeResult: true }] : [];
  return define(ctx, subject, history, p);
}

/** One DefineAuthChallenge round and whatever it decides. `p` is the InitiateAuth parameters (for SRP). */
async function define(ctx: AuthContext, s: Subject, history: ChallengeResult[], p?: Params): Promise<AuthResponse> {
  if (history.length > MAX_ROUNDS) throw errors.notAuthorized(WRONG_PASSWORD);
  const r =
    (await callTrigger(ctx.svc, ctx.pool, {
      trigger: 'DefineAuthChallenge',
      triggerSource: 'DefineAuthChallenge_Authentication',
      userName: s.username,
      clientId: ctx.client.id,
      request: request(ctx, s, { session: history }),
      response: { challengeName: null, issueTokens: null, failAuthentication: null },
    })) ?? {};
  if (responseFlag(r, 'failAuthentication')) throw errors.notAuthorized(WRONG_PASSWORD);
  if (responseFlag(r, 'issueTokens')) {
    // A decoy subject (unknown user, existence hidden) can never be signed in, whatever the handler says.
    if (!s.user) throw errors.notAuthorized(WRONG_PASSWORD);
    const user = await userByKey(ctx.svc, ctx.pool.id, s.user.usernameKey);
    if (!user) throw errors.notAuthorized(WRONG_PASSWORD);
    assertCanSignIn(ctx.svc, user);
    // The custom challenges are the second factor here: Cognito does not add its MFA step to CUSTOM_AUTH.
    return finish(ctx, user, { authFlow: 'CUSTOM_AUTH', mfaDone: true });
  }
  const next = r.challengeName;
  if (next === 'PASSWORD_VERIFIER' && p && history.length === 1 && history[0]!.challengeName === 'SRP_A') {
    return startSrp(ctx, 'CUSTOM_AUTH', p, { custom: { history } satisfies CustomState });
  }
  if (next !== 'CUSTOM_CHALLENGE') {
    throw errors.invalidLambdaResponse(
      typeof next === 'string' && next ? `Invalid lambda response: challenge ${next} cannot be issued here` : 'Invalid lambda response: DefineAuthChallenge set no challengeName, issueTokens or failAuthentication',
    );
  }
  return create(ctx, s, history);
}

async function create(ctx: AuthContext, s: Subject, history: ChallengeResult[]): Promise<AuthResponse> {
  const r =
    (await callTrigger(ctx.svc, ctx.pool, {
      trigger: 'CreateAuthChallenge',
      triggerSource: 'CreateAuthChallenge_Authentication',
      userName: s.username,
      clientId: ctx.client.id,
      request: request(ctx, s, { challengeName: 'CUSTOM_CHALLENGE', session: history }),
      response: { publicChallengeParameters: null, privateChallengeParameters: null, challengeMetadata: null },
    })) ?? {};
  const publicParameters = responseStringMap(r, 'publicChallengeParameters') ?? {};
  const privateParameters = responseStringMap(r, 'privateChallengeParameters') ?? {};
  const meta = r.challengeMetadata;
  if (meta !== undefined && meta !== null && typeof meta !== 'string') throw errors.invalidLambdaResponse('Invalid lambda response: challengeMetadata must be a string');
  const custom: CustomState = { history, privateParameters, ...(typeof meta === 'string' ? { challengeMetadata: meta } : {}) };
  const state: SessionState = {
    challenge: 'CUSTOM_CHALLENGE',
    username: s.username,
    usernameKey: s.user?.usernameKey,
    fake: !s.user,
    api: ctx.api,
    authFlow: 'CUSTOM_AUTH',
    data: { custom },
  };
  const { session } = await createSession(ctx.svc, ctx.client, state);
  return { ChallengeName: 'CUSTOM_CHALLENGE', Session: session, ChallengeParameters: { ...publicParameters, USERNAME: s.username } };
}

export async function answerCustomChallenge(ctx: AuthContext, session: string | undefined, r: Params): Promise<AuthResponse> {
  const { svc, pool, client } = ctx;
  const s = await loadSession(svc, client, session);
  expectChallenge(s, 'CUSTOM_CHALLENGE');
  const st = s.state;
  const custom = st.data?.custom as CustomState | undefined;
  if (!custom) throw errors.notAuthorized(EXPIRED_MESSAGE);
  const username = required(r, 'USERNAME');
  const answer = required(r, 'ANSWER');
  await assertSecretHash(client, [username, st.username], r.SECRET_HASH);
  await consumeSession(svc, s);
  const user = st.usernameKey ? await userByKey(svc, pool.id, st.usernameKey) : undefined;
  if (st.usernameKey && !user) throw errors.notAuthorized(EXPIRED_MESSAGE);
  if (user) assertCanSignIn(svc, user);
  const subject: Subject = { username: st.username, user };
  const v =
    (await callTrigger(svc, pool, {
      trigger: 'VerifyAuthChallengeResponse',
      triggerSource: 'VerifyAuthChallengeResponse_Authentication',
      userName: st.username,
      clientId: client.id,
      request: request(ctx, subject, { privateChallengeParameters: custom.privateParameters ?? {}, challengeAnswer: answer }),
      response: { answerCorrect: null },
    })) ?? {};
  const correct = responseFlag(v, 'answerCorrect') && !!user;
  const history = [...custom.history, { challengeName: 'CUSTOM_CHALLENGE', challengeResult: correct, ...(custom.challengeMetadata ? { challengeMetadata: custom.challengeMetadata } : {}) }];
  return define(ctx, subject, history);
}

/** After SRP inside CUSTOM_AUTH: the password result joins the history and Define decides again. */
export async function afterCustomSrp(ctx: AuthContext, user: UserRecord, state: SessionState): Promise<AuthResponse> {
  const custom = state.data?.custom as CustomState | undefined;
  const history = [...(custom?.history ?? [{ challengeName: 'SRP_A', challengeResult: true }]), { challengeName: 'PASSWORD_VERIFIER', challengeResult: true }];
  return define(ctx, { username: user.username, user }, history);
}
