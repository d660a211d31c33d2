/**
 * Resource-based policies: Principal forms (`*`, account id, root ARN, user, role and its sessions, service),
 * NotPrincipal, and how resource grants combine with identity policies, denies and session policies
 * (AWS "policy evaluation logic", same-account case).
 */
import { ACCOUNT, allow, deny, doc, req, type Case } from './case-helpers.js';
import type { RequestPrincipal } from '../../src/iam/principal.js';

const OBJ = 'arn:aws:s3:::shared/report.csv';
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
const ADMIN = `arn:aws:iam::${ACCOUNT}:user/admin`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/app/Reader`;
const SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/Reader/CognitoIdentityCredentials`;
const OTHER_ACCOUNT_USER = 'arn:aws:iam::999999999999:user/mallory';
const aws = (id: string): RequestPrincipal => ({ type: 'AWS', id });

const grant = (Principal: unknown, extra: Record<string, unknown> = {}) => doc(allow('s3:GetObject', OBJ, { Principal, ...extra }));
const r = (name: string, resource: object[], principal: RequestPrincipal | undefined, expected: Case['expected'], more: Partial<Case['policies']> = {}): Case => ({
  name, policies: { resource, ...more }, request: req('s3:GetObject', OBJ, {}, principal), expected,
});

export const principalCases: Case[] = [
  r('Principal "*" admits anyone', [grant('*')], aws(ALICE), 'Allow'),
  r('Principal "*" admits anonymous callers', [grant('*')], undefined, 'Allow'),
  r('Principal {"AWS":"*"} admits anyone', [grant({ AWS: '*' })], aws(OTHER_ACCOUNT_USER), 'Allow'),
  r('Principal names the user', [grant({ AWS: ALICE })], aws(ALICE), 'Allow'),
  r('Principal names another user', [grant({ AWS: ADMIN })], aws(ALICE), 'ImplicitDeny'),
  r('Principal account id covers its users', [grant({ AWS: ACCOUNT })], aws(ALICE), 'Allow'),
  r('Principal root ARN covers role sessions of the account', [grant({ AWS: `arn:aws:iam::${ACCOUNT}:root` })], aws(SESSION), 'Allow'),
  r('Principal account does not cover another account', [grant({ AWS: ACCOUNT })], aws(OTHER_ACCOUNT_USER), 'ImplicitDeny'),
  r('Principal role ARN (with path) covers its sessions', [grant({ AWS: ROLE })], aws(SESSION), 'Allow'),
  r('Principal role ARN does not cover another role', [grant({ AWS: `arn:aws:iam::${ACCOUNT}:role/Writer` })], aws(SESSION), 'ImplicitDeny'),
  r('Principal list: any entry', [grant({ AWS: [ADMIN, ALICE] })], aws(ALICE), 'Allow'),
  r('Principal user: anonymous callers excluded', [grant({ AWS: ALICE })], undefined, 'ImplicitDeny'),
  r('Service principal', [grant({ Service: 'lambda.amazonaws.com' })], { type: 'Service', id: 'lambda.amazonaws.com' }, 'Allow'),
  r('Service principal: another service', [grant({ Service: 'lambda.amazonaws.com' })], { type: 'Service', id: 'ec2.amazonaws.com' }, 'ImplicitDeny'),
  r('CanonicalUser principal', [grant({ CanonicalUser: 'abc123' })], { type: 'CanonicalUser', id: 'abc123' }, 'Allow'),
  r('a resource statement without Principal grants nobody', [doc(allow('s3:GetObject', OBJ))], aws(ALICE), 'ImplicitDeny'),
  r('resource policy condition applies', [grant('*', { Condition: { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } } })], aws(ALICE), 'ImplicitDeny'),
  r('NotPrincipal deny: everyone but admin denied', [grant('*'), doc(deny('s3:*', OBJ, { NotPrincipal: { AWS: ADMIN } }))], aws(ALICE), 'ExplicitDeny'),
  r('NotPrincipal deny: admin passes', [grant('*'), doc(deny('s3:*', OBJ, { NotPrincipal: { AWS: ADMIN } }))], aws(ADMIN), 'Allow'),
  r('NotPrincipal allow: grants everyone not listed', [doc(allow('s3:GetObject', OBJ, { NotPrincipal: { AWS: ADMIN } }))], aws(ALICE), 'Allow'),
  r('resource policy deny beats an identity allow', [doc(deny('s3:*', OBJ, { Principal: { AWS: ALICE } }))], aws(ALICE), 'ExplicitDeny', { identity: [doc(allow('s3:*'))] }),
  r('resource policy deny for another principal leaves the identity allow', [doc(deny('s3:*', OBJ, { Principal: { AWS: ADMIN } }))], aws(ALICE), 'Allow', { identity: [doc(allow('s3:*'))] }),
  r('identity deny beats a resource allow', [grant({ AWS: ALICE })], aws(ALICE), 'ExplicitDeny', { identity: [doc(deny('s3:GetObject'))] }),
  r('session policy limits a grant to the role ARN', [grant({ AWS: ROLE })], aws(SESSION), 'ImplicitDeny', { session: [doc(allow('s3:PutObject'))] }),
  r('a grant naming the session ARN is not limited by session policies', [grant({ AWS: SESSION })], aws(SESSION), 'Allow', { session: [doc(allow('s3:PutObject'))] }),
  r('session policy that allows lets the role grant through', [grant({ AWS: ROLE })], aws(SESSION), 'Allow', { session: [doc(allow('s3:*'))] }),
];
