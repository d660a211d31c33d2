/**
 * IAM users for operators who want restricted keys: a user, its access keys (AKIA…, secret sealed and shown
 * once) and its inline and attached policies. Operator keys from `cognate keys create` are not IAM users and
 * stay all-powerful; a request signed with a user's key may do only what the user's policies allow.
 */
import { iamErrors } from './errors.js';
import { checkDocument, LIMITS } from './documents.js';
import { iamIds, userArn } from './arns.js';
import { attachmentsRepo, inlinePoliciesRepo, managedPoliciesRepo, userKeysRepo, usersRepo } from '../store/iam-repo.js';
import { ids } from '../crypto/random.js';
import type { IamUsersTable } from '../store/tables.js';
import type { Tag } from './roles.js';
import { forgetPolicies } from '../access/policy-cache.js';
import type { Services } from '../services.js';

const key = (name: string) => name.toLowerCase();
export const userKeyContext = (id: string) => `iam-access-key:${id}`;

export const userView = (svc: Services, r: IamUsersTable) => ({
  Path: r.path,
  UserName: r.name,
  UserId: r.user_id,
  Arn: userArn(svc, r.path, r.name),
  CreateDate: new Date(Number(r.created_at)),
  ...(JSON.parse(r.tags).length ? { Tags: JSON.parse(r.tags) as Tag[] } : {}),
});

export async function createUser(svc: Services, input: { UserName: string; Path?: string; Tags?: Tag[] }): Promise<IamUsersTable> {
  const row: IamUsersTable = {
    name_key: key(input.UserName),
    name: input.UserName,
    user_id: iamIds.user(),
    path: input.Path ?? '/',
    tags: JSON.stringify(input.Tags ?? []),
    created_at: svc.clock.now(),
  };
  if (!(await usersRepo.insert(svc.db, row))) throw iamErrors.entityAlreadyExists(`User with name ${input.UserName} already exists.`);
  return row;
}

export async function getUser(svc: Services, name: string): Promise<IamUsersTable> {
  const row = await usersRepo.get(svc.db, key(name));
  if (!row) throw iamErrors.noSuchEntity(`The user with name ${name} cannot be found.`);
  return row;
}

export async function createUserAccessKey(svc: Services, userName: string) {
  const user = await getUser(svc, userName);
  if ((await userKeysRepo.countForUser(svc.db, user.name_key)) >= 2) {
    throw iamErrors.limitExceeded('Cannot exceed quota for AccessKeysPerUser: 2');
  }
  const accessKeyId = iamIds.userAccessKey();
  const secretAccessKey = ids.secretAccessKey();
  const now = svc.clock.now();
  await userKeysRepo.insert(svc.db, {
    access_key_id: accessKeyId,
    user_key: user.name_key,
    secret_enc: svc.box.seal(secretAccessKey, userKeyContext(accessKeyId)),
    status: 'Active',
    created_at: now,
  });
  return { UserName: user.name, AccessKeyId: accessKeyId, SecretAccessKey: secretAccessKey, Status: 'Active', CreateDate: new Date(now) };
}

export async function deleteUserAccessKey(svc: Services, accessKeyId: string, userName?: string): Promise<void> {
  const row = await userKeysRepo.get(svc.db, accessKeyId);
  if (!row || (userName !== undefined && row.user_key !== key(userName))) {
    throw iamErrors.noSuchEntity(`The Access Key with id ${accessKeyId} cannot be found.`);
  }
  await userKeysRepo.delete(svc.db, accessKeyId);
}

export async function putUserPolicy(svc: Services, userName: string, policyName: string, document: string): Promise<void> {
  await getUser(svc, userName);
  checkDocument(document, 'identity', LIMITS.inline);
  await inlinePoliciesRepo.put(svc.db, 'user', key(userName), policyName, document, svc.clock.now());
  forgetPolicies(svc);
}

export async function attachUserPolicy(svc: Services, userName: string, arn: string): Promise<void> {
  await getUser(svc, userName);
  if (!(await managedPoliciesRepo.get(svc.db, arn))) throw iamErrors.noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
  await attachmentsRepo.attach(svc.db, 'user', key(userName), arn, svc.clock.now());
  forgetPolicies(svc);
}

export async function userPolicyDocuments(svc: Services, nameKey: string): Promise<string[]> {
  const inline = await inlinePoliciesRepo.list(svc.db, 'user', nameKey);
  const arns = (await attachmentsRepo.list(svc.db, 'user', nameKey)).map((r) => r.policy_arn);
  const managed = await managedPoliciesRepo.byArns(svc.db, arns);
  return [...inline.map((r) => r.document), ...managed.map((p) => p.document)];
}
