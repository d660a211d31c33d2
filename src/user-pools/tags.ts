/**
 * Tags of user pools, addressed by the pool ARN (`arn:aws:cognito-idp:{region}:{account}:userpool/{id}`).
 * An ARN of another account, service or resource type names nothing here: ResourceNotFoundException.
 */
import { errors } from '../errors.js';
import type { Services } from '../services.js';
import { mutatePoolTags, poolTags } from './pool-admin.js';

const MAX_TAGS = 50;
const POOL_ARN = /^arn:aws:cognito-idp:([a-z0-9-]+):(\d{12}):userpool\/([\w-]+_[0-9a-zA-Z]+)$/;

function poolIdOf(svc: Services, arn: string): string {
  const m = POOL_ARN.exec(arn);
  if (!m || m[2] !== svc.config.accountId || m[3]!.split('_')[0] !== m[1]) throw errors.resourceNotFound(`The resource ${arn} does not exist.`);
  return m[3]!;
}

async function poolOf(svc: Services, arn: string): Promise<string> {
  const id = poolIdOf(svc, arn);
  try {
    await poolTags(svc, id);
  } catch {
    throw errors.resourceNotFound(`The resource ${arn} does not exist.`);
  }
  return id;
}

export async function tagResource(svc: Services, arn: string, tags: Record<string, string>): Promise<void> {
  const id = await poolOf(svc, arn);
  await mutatePoolTags(svc, id, (current) => {
    const next = { ...current, ...tags };
    if (Object.keys(next).length > MAX_TAGS) throw errors.invalidParameter(`A user pool can have at most ${MAX_TAGS} tags.`);
    return next;
  });
}

export async function untagResource(svc: Services, arn: string, keys: readonly string[]): Promise<void> {
  const id = await poolOf(svc, arn);
  await mutatePoolTags(svc, id, (current) => Object.fromEntries(Object.entries(current).filter(([k]) => !keys.includes(k))));
}

export async function listTags(svc: Services, arn: string): Promise<Record<string, string>> {
  return poolTags(svc, await poolOf(svc, arn));
}
