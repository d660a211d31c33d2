import { z } from 'zod';
import { operation } from '../operation.js';
import { assumeRoleAsPrincipal } from '../../sts/assume-role.js';
import { qList } from '../../protocols/query-input.js';
import { credentialsView, durationSchema, policyArnsSchema, policySchema, roleArnSchema, sessionNameSchema, tagsSchema } from '../../sts/wire.js';

export default operation({
  service: 'sts',
  name: 'AssumeRole',
  auth: 'iam',
  compat: { status: 'partial', missing: 'MFA (SerialNumber/TokenCode) and ProvidedContexts are not supported; TransitiveTagKeys are stored but role chaining does not carry them' },
  input: z.object({
    RoleArn: roleArnSchema,
    RoleSessionName: sessionNameSchema,
    PolicyArns: policyArnsSchema,
    Policy: policySchema,
    DurationSeconds: durationSchema,
    Tags: tagsSchema,
    TransitiveTagKeys: qList(z.string()).optional(),
    ExternalId: z.string().min(2).max(1224).optional(),
    SourceIdentity: z.string().min(2).max(64).regex(/^[\w+=,.@-]*$/).optional(),
    SerialNumber: z.string().optional(),
    TokenCode: z.string().optional(),
  }),
  resource: (input) => input.RoleArn,
  async run(input, { svc, caller }) {
    const r = await assumeRoleAsPrincipal(
      svc,
      caller!.arn,
      {
        roleArn: input.RoleArn,
        roleSessionName: input.RoleSessionName,
        durationSeconds: input.DurationSeconds,
        sessionPolicy: input.Policy,
        sessionPolicyArns: input.PolicyArns?.map((p) => p.arn),
        principalTags: input.Tags?.length ? Object.fromEntries(input.Tags.map((t) => [t.Key, t.Value])) : undefined,
        sourceIdentity: input.SourceIdentity,
      },
      { chained: caller!.kind === 'session', context: input.ExternalId !== undefined ? { 'sts:ExternalId': input.ExternalId } : {} },
    );
    return { ...credentialsView(r), ...(input.SourceIdentity !== undefined ? { SourceIdentity: input.SourceIdentity } : {}) };
  },
});
