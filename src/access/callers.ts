/**
 * Who signed a request: resolves a SigV4 access key id (and session token) to its secret and to the caller it
 * stands for — an operator key (all-powerful), an IAM user's key, or an STS role session — with the policies
 * and condition keys request enforcement needs. The key itself is looked up on every request (one primary-key
 * read), so a deleted key or an expired session is refused at once; the parsed policies of a user or role are
 * cached for a few seconds per principal, so policy changes made on another node apply within that time.
 * Must never decide what a caller may do (authorize.ts does) nor log a secret.
 */
import { errors } from '../errors.js';
import type { Policy, RequestContext } from '../iam/index.js';
import { secretFor as operatorSecretFor } from '../operators/access-keys.js';
import { userArn } from '../iam-admin/arns.js';
import { rolePolicyDocuments } from '../iam-admin/roles.js';
import { userKeyContext, userPolicyDocuments } from '../iam-admin/users.js';
import { roleNameFromArn, assumedRoleArn } from '../iam-admin/arns.js';
import { resolveSession, type Session } from '../sts/sessions.js';
import { userKeysRepo, usersRepo } from '../store/iam-repo.js';
import { cachedPolicies } from './policy-cache.js';
import type { Services } from '../services.js';

export type CallerKind = 'operator' | 'user' | 'session';

export interface Caller {
  readonly kind: CallerKind;
  readonly accessKeyId: string;
  /** `arn:aws:iam::{account}:root` (operator), the user ARN, or `arn:aws:sts::{account}:assumed-role/{role}/{session}`. */
  readonly arn: string;
  /** GetCallerIdentity's UserId: the account id, the user id, or `{roleId}:{sessionName}`. */
  readonly userId: string;
  readonly account: string;
  /** Identity policies (user or role); unused for operators. */
  readonly identity: readonly Policy[];
  /** Session policies (STS `Policy`); empty = no limit. */
  readonly session: readonly Policy[];
  /** Principal condition keys (aws:username, aws:userid, aws:PrincipalTag/…, cognito-identity.amazonaws.com:sub, …). */
  readonly context: RequestContext;
  /** For STS sessions: expiry and the session record (role chaining, GetCallerIdentity). */
  readonly session_?: Session;
}

export interface ResolvedSigner { readonly secret: string; readonly caller: Caller }

async function operator(svc: Services, id: string): Promise<ResolvedSigner | undefined> {
  const secret = await operatorSecretFor(svc, id);
  if (secret === undefined) return undefined;
  const account = svc.config.accountId;
  return {
    secret,
    caller: { kind: 'operator', accessKeyId: id, arn: `arn:aws:iam::${account}:root`, userId: account, account, identity: [], session: [], context: {} },
  };
}

async function iamUser(svc: Services, id: string): Promise<ResolvedSigner | undefined> {
  const key = await userKeysRepo.get(svc.db, id);
  if (!key || key.status !== 'Active') return undefined;
  const user = await usersRepo.get(svc.db, key.user_key);
  if (!user) return undefined;
  const arn = userArn(svc, user.path, user.name);
  const account = svc.config.accountId;
  return {
    secret: svc.box.open(key.secret_enc, userKeyContext(id)),
    caller: {
      kind: 'user',
      accessKeyId: id,
      arn,
      userId: user.user_id,
      account,
      identity: await cachedPolicies(svc, `user:${user.name_key}`, () => userPolicyDocuments(svc, user.name_key)),
      session: [],
      context: { 'aws:username': user.name, 'aws:userid': user.user_id, 'aws:PrincipalType': 'User', 'aws:PrincipalArn': arn, 'aws:PrincipalAccount': account },
    },
  };
}

async function roleSession(svc: Services, id: string, token: string | undefined): Promise<ResolvedSigner> {
  const s = await resolveSession(svc, id, token);
  const roleName = roleNameFromArn(svc, s.roleArn) ?? s.roleArn.split('/').pop()!;
  const account = svc.config.accountId;
  const tags = Object.fromEntries(Object.entries(s.principalTags).map(([k, v]) => [`aws:PrincipalTag/${k}`, v]));
  return {
    secret: s.secretAccessKey,
    caller: {
      kind: 'session',
      accessKeyId: id,
      arn: assumedRoleArn(svc, roleName, s.sessionName),
      userId: `${s.roleId}:${s.sessionName}`,
      account,
      // A role deleted or emptied after the session was issued leaves the session with nothing allowed.
      identity: await cachedPolicies(svc, `role:${roleName.toLowerCase()}`, () => rolePolicyDocuments(svc, roleName)),
      session: s.sessionPolicies.length ? await cachedPolicies(svc, `session:${id}`, async () => [...s.sessionPolicies]) : [],
      context: {
        ...s.context,
        ...tags,
        'aws:userid': `${s.roleId}:${s.sessionName}`,
        'aws:PrincipalType': 'AssumedRole',
        'aws:PrincipalArn': s.roleArn,
        'aws:PrincipalAccount': account,
        'aws:TokenIssueTime': new Date(s.issuedAt).toISOString(),
        ...(s.sourceIdentity !== undefined ? { 'aws:SourceIdentity': s.sourceIdentity } : {}),
      },
      session_: s,
    },
  };
}

/**
 * The secret and caller for an access key id. Temporary keys (ASIA…) need their session token; unknown keys
 * and wrong tokens are UnrecognizedClientException, expired sessions ExpiredTokenException.
 */
export async function resolveSigner(svc: Services, accessKeyId: string, sessionToken: string | undefined): Promise<ResolvedSigner> {
  let resolved: ResolvedSigner | undefined;
  if (accessKeyId.startsWith('ASIA')) resolved = await roleSession(svc, accessKeyId, sessionToken);
  else resolved = (await operator(svc, accessKeyId)) ?? (await iamUser(svc, accessKeyId));
  if (!resolved) throw errors.unrecognizedClient('The security token included in the request is invalid.');
  return resolved;
}
