import { z } from 'zod';
import { operation } from '../operation.js';
import { assumeRoleForWebIdentity } from '../../sts/assume-role.js';
import { verifyWebIdentityToken } from '../../sts/web-identity.js';
import { credentialsView, durationSchema, policyArnsSchema, policySchema, roleArnSchema, sessionNameSchema } from '../../sts/wire.js';

/** Session tags and source identity an OIDC token may carry (STS's documented claim names). */
function tokenTags(payload: Record<string, unknown>): Record<string, string> | undefined {
  const claim = payload['https://aws.amazon.com/tags'] as { principal_tags?: Record<string, unknown> } | undefined;
  const tags = claim?.principal_tags;
  if (!tags || typeof tags !== 'object') return undefined;
  return Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, String(Array.isArray(v) ? v[0] : v)]));
}

export default operation({
  service: 'sts',
  name: 'AssumeRoleWithWebIdentity',
  auth: 'none',
  input: z.object({
    RoleArn: roleArnSchema,
    RoleSessionName: sessionNameSchema,
    WebIdentityToken: z.string().min(4).max(20000),
    ProviderId: z.string().min(4).max(2048).optional(),
    PolicyArns: policyArnsSchema,
    Policy: policySchema,
    DurationSeconds: durationSchema,
  }),
  async run(input, { svc }) {
    const id = await verifyWebIdentityToken(svc, input.WebIdentityToken);
    const sourceIdentity = id.payload['https://aws.amazon.com/source_identity'];
    const r = await assumeRoleForWebIdentity(svc, {
      roleArn: input.RoleArn,
      roleSessionName: input.RoleSessionName,
      durationSeconds: input.DurationSeconds,
      provider: id.provider,
      conditionContext: id.conditionContext,
      sessionPolicy: input.Policy,
      sessionPolicyArns: input.PolicyArns?.map((p) => p.arn),
      principalTags: id.principalTags ?? tokenTags(id.payload),
      ...(typeof sourceIdentity === 'string' ? { sourceIdentity } : {}),
    });
    return {
      ...credentialsView(r),
      SubjectFromWebIdentityToken: id.subject,
      Provider: id.providerName,
      Audience: id.audience,
      ...(typeof sourceIdentity === 'string' ? { SourceIdentity: sourceIdentity } : {}),
    };
  },
});
