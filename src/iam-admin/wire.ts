/** IAM's wire constraints (from the IAM API model) shared by the handlers, and the resource ARNs they act on. */
import { z } from 'zod';
import { qInt, qList, qTag } from '../protocols/query-input.js';
import type { Services } from '../services.js';

const pattern = (re: RegExp, text: string) => z.string().regex(re, `Member must satisfy regular expression pattern: ${text}`);
export const roleName = z.string().min(1).max(64).pipe(pattern(/^[\w+=,.@-]+$/, '[\\w+=,.@-]+'));
export const userName = z.string().min(1).max(64).pipe(pattern(/^[\w+=,.@-]+$/, '[\\w+=,.@-]+'));
export const policyName = z.string().min(1).max(128).pipe(pattern(/^[\w+=,.@-]+$/, '[\\w+=,.@-]+'));
export const path = z.string().min(1).max(512).pipe(pattern(/^(\/|\/[\x21-\x7e]+\/)$/, '(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)'));
export const pathPrefix = z.string().min(1).max(512).pipe(pattern(/^\/([\x21-\x7e]*\/)?$/, '\\u002F[\\u0021-\\u007F]*'));
export const policyDocument = z.string().min(1).max(131072);
export const arn = z.string().min(20).max(2048);
export const description = z.string().max(1000);
export const tags = qList(qTag).optional();
export const marker = z.string().min(1).max(320).optional();
export const qIntSession = qInt(3600, 43200);
export const maxItems = qInt(1, 1000).optional();

const acct = (svc: Services) => svc.config.accountId;
export const resources = {
  role: (svc: Services, name: string) => `arn:aws:iam::${acct(svc)}:role/${name}`,
  user: (svc: Services, name: string) => `arn:aws:iam::${acct(svc)}:user/${name}`,
  policy: (svc: Services, name: string) => `arn:aws:iam::${acct(svc)}:policy/${name}`,
  roles: (svc: Services) => `arn:aws:iam::${acct(svc)}:role/*`,
};
