/**
 * ARNs and ids of IAM entities in Cognate's single account: `arn:aws:iam::{account}:role{path}{name}` and
 * friends, and the id prefixes IAM uses (AROA roles, ANPA policies, AIDA users, ASIA session keys).
 */
import { randomString } from '../crypto/random.js';
import type { Services } from '../services.js';

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export const iamIds = {
  role: () => `AROA${randomString(UPPER_ALNUM, 17)}`,
  policy: () => `ANPA${randomString(UPPER_ALNUM, 17)}`,
  user: () => `AIDA${randomString(UPPER_ALNUM, 17)}`,
  userAccessKey: () => `AKIA${randomString(UPPER_ALNUM, 16)}`,
  sessionAccessKey: () => `ASIA${randomString(BASE32, 16)}`,
};

export const account = (svc: Services) => svc.config.accountId;
export const roleArn = (svc: Services, path: string, name: string) => `arn:aws:iam::${account(svc)}:role${path}${name}`;
export const policyArn = (svc: Services, path: string, name: string) => `arn:aws:iam::${account(svc)}:policy${path}${name}`;
export const userArn = (svc: Services, path: string, name: string) => `arn:aws:iam::${account(svc)}:user${path}${name}`;
export const oidcProviderArn = (svc: Services, hostPath: string) => `arn:aws:iam::${account(svc)}:oidc-provider/${hostPath}`;
export const assumedRoleArn = (svc: Services, roleName: string, sessionName: string) =>
  `arn:aws:sts::${account(svc)}:assumed-role/${roleName}/${sessionName}`;

/** The role name of `arn:aws:iam::{account}:role/{path/}{name}` in this account, else undefined. */
export function roleNameFromArn(svc: Services, arn: string): string | undefined {
  const m = /^arn:aws:iam::(\d{12}):role\/(?:[\x21-\x7e]*\/)?([\w+=,.@-]{1,64})$/.exec(arn);
  return m && m[1] === account(svc) ? m[2] : undefined;
}

/** IAM returns policy documents URL-encoded (RFC 3986), and SDKs hand them to callers as they are. */
export const encodeDocument = (doc: string) => encodeURIComponent(doc);
