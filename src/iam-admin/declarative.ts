/**
 * Declared IAM setup: `iam:` in cognate.yaml lists managed `policies`, `roles` (trust policy, MaxSessionDuration,
 * inline `Policies`, `ManagedPolicyArns`) and `oidcProviders`, created or brought in line at start. Like the
 * declared user pools it is idempotent (an entry that already matches is not written) and additive (nothing
 * undeclared is removed or detached). Documents may be YAML maps or JSON text; every document is validated as
 * the IAM API would (MalformedPolicyDocument), and a failure names the entry's path, e.g. `iam.roles[1].Policies[0]`.
 */
import { z } from 'zod';
import { ConfigError } from '../config/load.js';
import { ServiceError } from '../errors.js';
import { checkDocument, LIMITS } from './documents.js';
import { policyArn } from './arns.js';
import { attachRolePolicy, createRole, findRole, listAttachedRolePolicies, putRolePolicy, updateRole, updateTrustPolicy } from './roles.js';
import { createPolicy } from './policies.js';
import { createOidcProvider, issuerKey } from './oidc-providers.js';
import { inlinePoliciesRepo, managedPoliciesRepo, oidcProvidersRepo } from '../store/iam-repo.js';
import { oidcProviderArn } from './arns.js';
import { forgetPolicies } from '../access/policy-cache.js';
import type { Services } from '../services.js';

const name = (max: number) => z.string().min(1).max(max).regex(/^[\w+=,.@-]+$/, 'must match [\\w+=,.@-]+');
const document = z.union([z.string().min(1), z.record(z.unknown())]).transform((d) => (typeof d === 'string' ? d : JSON.stringify(d)));
const tag = z.object({ Key: z.string().min(1).max(128), Value: z.string().max(256) }).strict();
const path = z.string().regex(/^(\/|\/[\x21-\x7e]+\/)$/, 'must be / or /path/').optional();

const declaredIam = z
  .object({
    policies: z.array(z.object({ PolicyName: name(128), PolicyDocument: document, Path: path, Description: z.string().max(1000).optional(), Tags: z.array(tag).optional() }).strict()).default([]),
    roles: z
      .array(
        z
          .object({
            RoleName: name(64),
            AssumeRolePolicyDocument: document,
            Path: path,
            Description: z.string().max(1000).optional(),
            MaxSessionDuration: z.number().int().min(3600).max(43200).optional(),
            Tags: z.array(tag).optional(),
            Policies: z.array(z.object({ PolicyName: name(128), PolicyDocument: document }).strict()).default([]),
            ManagedPolicyArns: z.array(z.string().min(20)).default([]),
          })
          .strict(),
      )
      .default([]),
    oidcProviders: z.array(z.object({ Url: z.string().min(1), ClientIDList: z.array(z.string()).default([]), ThumbprintList: z.array(z.string()).default([]) }).strict()).default([]),
  })
  .strict();

type Declared = z.infer<typeof declaredIam>;

function fail(at: string, e: unknown): never {
  if (e instanceof ServiceError || e instanceof ConfigError) throw new ConfigError(`invalid configuration: ${at}: ${e.message.replace(/^invalid configuration: /, '')}`);
  throw e;
}

const same = (a: string, b: string) => {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return a === b;
  }
};

async function applyPolicy(svc: Services, d: Declared['policies'][number]): Promise<void> {
  const arn = policyArn(svc, d.Path ?? '/', d.PolicyName);
  const row = await managedPoliciesRepo.get(svc.db, arn);
  if (!row) {
    await createPolicy(svc, d);
    svc.log.info({ arn }, 'declared IAM policy created');
  } else if (!same(row.document, d.PolicyDocument)) {
    checkDocument(d.PolicyDocument, 'identity', LIMITS.managed);
    await managedPoliciesRepo.updateDocument(svc.db, arn, d.PolicyDocument, svc.clock.now());
    svc.log.info({ arn }, 'declared IAM policy updated');
  }
}

async function applyRole(svc: Services, d: Declared['roles'][number], at: string): Promise<void> {
  let role = await findRole(svc, d.RoleName);
  if (!role) {
    role = await createRole(svc, d);
    svc.log.info({ arn: role.arn }, 'declared IAM role created');
  } else {
    if (!same(role.trustPolicy, d.AssumeRolePolicyDocument)) await updateTrustPolicy(svc, d.RoleName, d.AssumeRolePolicyDocument);
    const max = d.MaxSessionDuration ?? 3600;
    if (role.maxSessionDuration !== max || (d.Description !== undefined && d.Description !== role.description)) {
      await updateRole(svc, d.RoleName, { MaxSessionDuration: max, Description: d.Description });
    }
  }
  for (const [j, p] of d.Policies.entries()) {
    const have = await inlinePoliciesRepo.get(svc.db, 'role', role.name.toLowerCase(), p.PolicyName);
    if (!have || !same(have.document, p.PolicyDocument)) {
      await putRolePolicy(svc, d.RoleName, p.PolicyName, p.PolicyDocument).catch((e: unknown) => fail(`${at}.Policies[${j}]`, e));
    }
  }
  const attached = new Set((await listAttachedRolePolicies(svc, d.RoleName)).map((a) => a.PolicyArn));
  for (const [j, arn] of d.ManagedPolicyArns.entries()) {
    if (!attached.has(arn)) await attachRolePolicy(svc, d.RoleName, arn).catch((e: unknown) => fail(`${at}.ManagedPolicyArns[${j}]`, e));
  }
}

async function applyProvider(svc: Services, d: Declared['oidcProviders'][number]): Promise<void> {
  const arn = oidcProviderArn(svc, issuerKey(d.Url));
  const row = await oidcProvidersRepo.get(svc.db, arn);
  if (!row) {
    await createOidcProvider(svc, d);
    svc.log.info({ arn }, 'declared OIDC provider created');
  } else if (JSON.stringify(JSON.parse(row.client_ids)) !== JSON.stringify([...new Set(d.ClientIDList)])) {
    await svc.db.transaction().execute(async (trx) => {
      await oidcProvidersRepo.delete(trx, arn);
      await oidcProvidersRepo.insert(trx, { ...row, client_ids: JSON.stringify([...new Set(d.ClientIDList)]), thumbprints: JSON.stringify(d.ThumbprintList) });
    });
  }
}

export async function applyDeclaredIam(svc: Services, declared: unknown): Promise<void> {
  if (declared === undefined || declared === null) return;
  const parsed = declaredIam.safeParse(declared);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `iam${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}: ${i.message}`);
    throw new ConfigError(`invalid configuration: ${issues.join('; ')}`);
  }
  const d = parsed.data;
  for (const [i, p] of d.policies.entries()) await applyPolicy(svc, p).catch((e: unknown) => fail(`iam.policies[${i}]`, e));
  for (const [i, r] of d.roles.entries()) await applyRole(svc, r, `iam.roles[${i}]`).catch((e: unknown) => fail(`iam.roles[${i}]`, e));
  for (const [i, p] of d.oidcProviders.entries()) await applyProvider(svc, p).catch((e: unknown) => fail(`iam.oidcProviders[${i}]`, e));
  forgetPolicies(svc);
}
