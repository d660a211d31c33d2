/** STS's wire shapes shared by AssumeRole and AssumeRoleWithWebIdentity (inputs from the query protocol). */
import { z } from 'zod';
import { qInt, qList, qTag } from '../protocols/query-input.js';
import type { AssumedRole } from './assume-role.js';

export const roleArnSchema = z.string().min(20).max(2048);
export const sessionNameSchema = z.string().min(2).max(64).regex(/^[\w+=,.@-]*$/, 'Member must satisfy regular expression pattern: [\\w+=,.@-]*');
export const durationSchema = qInt(900, 43200).optional();
export const policySchema = z.string().min(1).max(2048).optional();
export const policyArnsSchema = qList(z.object({ arn: z.string().min(20).max(2048) })).optional();
export const tagsSchema = qList(qTag).optional();

export function credentialsView(r: AssumedRole) {
  return {
    Credentials: { AccessKeyId: r.accessKeyId, SecretAccessKey: r.secretAccessKey, SessionToken: r.sessionToken, Expiration: r.expiration },
    AssumedRoleUser: { Arn: r.assumedRoleArn, AssumedRoleId: r.assumedRoleId },
    ...(r.packedPolicySize !== undefined ? { PackedPolicySize: r.packedPolicySize } : {}),
  };
}
