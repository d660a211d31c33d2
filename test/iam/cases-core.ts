/**
 * Action / Resource matching (wildcards, NotAction, NotResource) and AWS "policy evaluation logic": explicit
 * deny wins, allows from identity policies intersected with session policies and permissions boundaries,
 * resource and trust policies with Principal / NotPrincipal, including the Cognito identity-pool trust policy.
 */
import { ACCOUNT, allow, deny, doc, idCase, POOL_A, POOL_B, req, type Case } from './case-helpers.js';

const GET = 'cognito-idp:AdminGetUser';

export const actionCases: Case[] = [
  idCase('exact action', [doc(allow(GET, POOL_A))], req(GET, POOL_A), 'Allow'),
  idCase('action names are case-insensitive', [doc(allow('COGNITO-IDP:admingetuser', POOL_A))], req(GET, POOL_A), 'Allow'),
  idCase('action prefix wildcard', [doc(allow('cognito-idp:Admin*', POOL_A))], req(GET, POOL_A), 'Allow'),
  idCase('action prefix wildcard does not cover other names', [doc(allow('cognito-idp:Admin*', POOL_A))], req('cognito-idp:ListUsers', POOL_A), 'ImplicitDeny'),
  idCase('? matches one character of an action', [doc(allow('cognito-idp:AdminGetUse?', POOL_A))], req(GET, POOL_A), 'Allow'),
  idCase('an action must match whole', [doc(allow('cognito-idp:Admin', POOL_A))], req(GET, POOL_A), 'ImplicitDeny'),
  idCase('* is every action', [doc(allow('*', POOL_A))], req('s3:GetObject', POOL_A), 'Allow'),
  idCase('wildcard in the service prefix', [doc(allow('cognito-*:ListUsers'))], req('cognito-idp:ListUsers', POOL_A), 'Allow'),
  idCase('another service does not match', [doc(allow('s3:GetObject'))], req(GET, POOL_A), 'ImplicitDeny'),
  idCase('a list of actions: any one matches', [doc(allow(['s3:GetObject', GET], POOL_A))], req(GET, POOL_A), 'Allow'),
  idCase('service:* covers the service', [doc(allow('cognito-idp:*'))], req('cognito-idp:CreateUserPool', '*'), 'Allow'),
  idCase('Allow NotAction grants everything else', [doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })], req('s3:GetObject', '*'), 'Allow'),
  idCase('Allow NotAction does not grant the listed actions', [doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })], req('iam:CreateUser', '*'), 'ImplicitDeny'),
  idCase('Deny NotAction denies everything not listed', [doc(allow('*'), { Effect: 'Deny', NotAction: [GET], Resource: '*' })], req('cognito-idp:ListUsers', POOL_A), 'ExplicitDeny'),
  idCase('Deny NotAction leaves the listed action to the Allow', [doc(allow('*'), { Effect: 'Deny', NotAction: [GET], Resource: '*' })], req(GET, POOL_A), 'Allow', [{ statementIndex: 0, effect: 'Allow' }]),
  idCase('NotAction matching is case-insensitive too', [doc({ Effect: 'Allow', NotAction: 'IAM:*', Resource: '*' })], req('iam:createuser', '*'), 'ImplicitDeny'),
];

export const resourceCases: Case[] = [
  idCase('exact resource ARN', [doc(allow(GET, POOL_A))], req(GET, POOL_A), 'Allow'),
  idCase('another pool is not covered', [doc(allow(GET, POOL_A))], req(GET, POOL_B), 'ImplicitDeny'),
  idCase('* covers every resource', [doc(allow(GET, '*'))], req(GET, POOL_B), 'Allow'),
  idCase('* in a resource crosses : and /', [doc(allow(GET, 'arn:aws:cognito-idp:*'))], req(GET, POOL_B), 'Allow'),
  idCase('wildcard for any pool of the account', [doc(allow(GET, `arn:aws:cognito-idp:*:${ACCOUNT}:userpool/*`))], req(GET, POOL_B), 'Allow'),
  idCase('another account is not covered', [doc(allow(GET, 'arn:aws:cognito-idp:*:999999999999:userpool/*'))], req(GET, POOL_B), 'ImplicitDeny'),
  idCase('resources are case-sensitive', [doc(allow('s3:GetObject', 'arn:aws:s3:::Bucket/*'))], req('s3:GetObject', 'arn:aws:s3:::bucket/x'), 'ImplicitDeny'),
  idCase('? matches one character of a resource', [doc(allow('s3:GetObject', 'arn:aws:s3:::bucket/log-?'))], req('s3:GetObject', 'arn:aws:s3:::bucket/log-7'), 'Allow'),
  idCase('a resource must match whole', [doc(allow('s3:GetObject', 'arn:aws:s3:::bucket'))], req('s3:GetObject', 'arn:aws:s3:::bucket/key'), 'ImplicitDeny'),
  idCase('a list of resources: the second matches', [doc(allow(GET, [POOL_B, POOL_A]))], req(GET, POOL_A), 'Allow'),
  idCase('Allow NotResource grants other resources', [doc({ Effect: 'Allow', Action: GET, NotResource: POOL_A })], req(GET, POOL_B), 'Allow'),
  idCase('Allow NotResource does not grant the listed one', [doc({ Effect: 'Allow', Action: GET, NotResource: POOL_A })], req(GET, POOL_A), 'ImplicitDeny'),
  idCase('Deny NotResource fences everything but the listed one', [doc(allow('*'), { Effect: 'Deny', Action: '*', NotResource: [POOL_A] })], req(GET, POOL_B), 'ExplicitDeny'),
  idCase('Deny NotResource leaves the listed one allowed', [doc(allow('*'), { Effect: 'Deny', Action: '*', NotResource: [POOL_A] })], req(GET, POOL_A), 'Allow'),
];

export const decisionCases: Case[] = [
  idCase('no policies: implicit deny', [], req(GET, POOL_A), 'ImplicitDeny'),
  idCase('explicit deny beats an allow in the same policy', [doc(allow('*'), deny(GET, POOL_A))], req(GET, POOL_A), 'ExplicitDeny', [{ statementIndex: 1, effect: 'Deny' }]),
  idCase('explicit deny in another policy beats an allow', [doc(allow('*')), doc(deny('cognito-idp:*'))], req(GET, POOL_A), 'ExplicitDeny', [{ layer: 'identity', policyIndex: 1, statementIndex: 0 }]),
  idCase('a deny whose condition fails does not apply', [doc(allow('*'), deny('*', '*', { Condition: { Bool: { 'aws:SecureTransport': 'false' } } }))], req(GET, POOL_A, { 'aws:SecureTransport': 'true' }), 'Allow'),
  idCase('a deny whose condition holds applies', [doc(allow('*'), deny('*', '*', { Condition: { Bool: { 'aws:SecureTransport': 'false' } } }))], req(GET, POOL_A, { 'aws:SecureTransport': 'false' }), 'ExplicitDeny'),
  idCase('a deny for another action leaves the allow', [doc(allow('*'), deny('cognito-idp:DeleteUserPool'))], req(GET, POOL_A), 'Allow'),
  idCase('allows from two policies are both reported', [doc(allow(GET)), doc(allow('cognito-idp:*'))], req(GET, POOL_A), 'Allow', [{ policyIndex: 0 }, { policyIndex: 1 }]),
  idCase('NotIpAddress deny guard: from outside the network', [doc(allow('*'), deny('*', '*', { Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }))], req(GET, POOL_A, { 'aws:SourceIp': '198.51.100.1' }), 'ExplicitDeny'),
  idCase('NotIpAddress deny guard: from inside the network', [doc(allow('*'), deny('*', '*', { Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }))], req(GET, POOL_A, { 'aws:SourceIp': '10.0.0.1' }), 'Allow'),
  idCase('Null deny guard: long-term credentials (no token issue time) denied', [doc(allow('*'), deny('*', '*', { Condition: { Null: { 'aws:TokenIssueTime': 'true' } } }))], req(GET, POOL_A), 'ExplicitDeny'),
  idCase('Null deny guard: temporary credentials pass', [doc(allow('*'), deny('*', '*', { Condition: { Null: { 'aws:TokenIssueTime': 'true' } } }))], req(GET, POOL_A, { 'aws:TokenIssueTime': '2024-01-01T00:00:00Z' }), 'Allow'),
  idCase('an allow with a failing condition is an implicit deny', [doc(allow('*', '*', { Condition: { StringEquals: { 'aws:PrincipalTag/team': 'blue' } } }))], req(GET, POOL_A, { 'aws:PrincipalTag/team': 'red' }), 'ImplicitDeny'),
];

const S3_ALL = doc(allow('s3:*'));
const s = (name: string, identity: object[], session: object[], action: string, expected: Case['expected'], matched?: Case['matched']): Case => ({
  name, policies: { identity, session }, request: req(action, 'arn:aws:s3:::bucket/k'), expected, matched,
});

export const layerCases: Case[] = [
  s('session ∩ identity: allowed by both', [S3_ALL], [doc(allow('s3:GetObject'))], 's3:GetObject', 'Allow', [{ layer: 'identity' }, { layer: 'session' }]),
  s('session ∩ identity: identity allows, session does not', [S3_ALL], [doc(allow('s3:GetObject'))], 's3:PutObject', 'ImplicitDeny'),
  s('session ∩ identity: session allows, identity does not', [doc(allow('s3:GetObject'))], [doc(allow('*'))], 's3:PutObject', 'ImplicitDeny'),
  s('a deny in a session policy wins', [S3_ALL], [doc(allow('*'), deny('s3:GetObject'))], 's3:GetObject', 'ExplicitDeny', [{ layer: 'session', statementIndex: 1 }]),
  s('an empty session-policy list imposes no limit', [S3_ALL], [], 's3:PutObject', 'Allow'),
  s('several session policies: an allow in any one is enough', [S3_ALL], [doc(allow('s3:GetObject')), doc(allow('s3:PutObject'))], 's3:PutObject', 'Allow'),
  s('session policy with NotAction scope-down', [S3_ALL], [doc({ Effect: 'Allow', NotAction: 's3:Delete*', Resource: '*' })], 's3:DeleteObject', 'ImplicitDeny'),
  {
    name: 'session policy conditions are evaluated against the same context',
    policies: { identity: [S3_ALL], session: [doc(allow('s3:*', '*', { Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }))] },
    request: req('s3:GetObject', 'arn:aws:s3:::bucket/k', { 'aws:SourceIp': '192.0.2.1' }),
    expected: 'ImplicitDeny',
  },
  { name: 'permissions boundary limits identity allows', policies: { identity: [doc(allow('*'))], boundary: [doc(allow('cognito-idp:*'))] }, request: req('s3:GetObject', '*'), expected: 'ImplicitDeny' },
  { name: 'permissions boundary: inside the boundary', policies: { identity: [doc(allow('*'))], boundary: [doc(allow('cognito-idp:*'))] }, request: req(GET, POOL_A), expected: 'Allow' },
  { name: 'permissions boundary never grants by itself', policies: { identity: [], boundary: [doc(allow('*'))] }, request: req(GET, POOL_A), expected: 'ImplicitDeny' },
];

const COGNITO = { type: 'Federated' as const, id: 'cognito-identity.amazonaws.com' };
const IDP = 'us-east-1:11111111-2222-3333-4444-555555555555';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/Cognito_Auth`;
const trust = (amr: string, aud: unknown = IDP) =>
  doc({
    Effect: 'Allow',
    Principal: { Federated: 'cognito-identity.amazonaws.com' },
    Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
    Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': aud }, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr } },
  });
const authed = { 'cognito-identity.amazonaws.com:aud': IDP, 'cognito-identity.amazonaws.com:sub': 'us-east-1:abc', 'cognito-identity.amazonaws.com:amr': ['authenticated', 'cognito-idp.us-east-1.amazonaws.com/us-east-1_AAAA'] };
const guest = { ...authed, 'cognito-identity.amazonaws.com:amr': ['unauthenticated'] };
const t = (name: string, policy: object, action: string, context: Record<string, unknown>, principal: Case['request']['principal'], expected: Case['expected']): Case => ({
  name, policies: { resource: [policy] }, request: { action, resource: ROLE, context: context as Case['request']['context'], principal }, expected,
});

export const trustCases: Case[] = [
  t('Cognito trust: authenticated identity of the pool', trust('authenticated'), 'sts:AssumeRoleWithWebIdentity', authed, COGNITO, 'Allow'),
  t('Cognito trust: TagSession is granted too', trust('authenticated'), 'sts:TagSession', authed, COGNITO, 'Allow'),
  t('Cognito trust: another identity pool (aud)', trust('authenticated'), 'sts:AssumeRoleWithWebIdentity', { ...authed, 'cognito-identity.amazonaws.com:aud': 'us-east-1:other' }, COGNITO, 'ImplicitDeny'),
  t('Cognito trust: a guest cannot take the authenticated role', trust('authenticated'), 'sts:AssumeRoleWithWebIdentity', guest, COGNITO, 'ImplicitDeny'),
  t('Cognito trust: the unauthenticated role accepts guests', trust('unauthenticated'), 'sts:AssumeRoleWithWebIdentity', guest, COGNITO, 'Allow'),
  t('Cognito trust: no amr in the token', trust('authenticated'), 'sts:AssumeRoleWithWebIdentity', { 'cognito-identity.amazonaws.com:aud': IDP }, COGNITO, 'ImplicitDeny'),
  t('Cognito trust: aud listed among several pools', trust('authenticated', ['us-east-1:x', IDP]), 'sts:AssumeRoleWithWebIdentity', authed, COGNITO, 'Allow'),
  t('Cognito trust: another federated provider', trust('authenticated'), 'sts:AssumeRoleWithWebIdentity', authed, { type: 'Federated', id: 'accounts.google.com' }, 'ImplicitDeny'),
  t('Cognito trust: an AWS principal is not the federated one', trust('authenticated'), 'sts:AssumeRoleWithWebIdentity', authed, { type: 'AWS', id: `arn:aws:iam::${ACCOUNT}:user/eve` }, 'ImplicitDeny'),
  t('Cognito trust: no principal at all', trust('authenticated'), 'sts:AssumeRoleWithWebIdentity', authed, undefined, 'ImplicitDeny'),
  t('Cognito trust: sts:AssumeRole is not granted', trust('authenticated'), 'sts:AssumeRole', authed, COGNITO, 'ImplicitDeny'),
];
