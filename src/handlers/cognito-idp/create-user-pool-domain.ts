/** CreateUserPoolDomain: a prefix or custom sign-in domain for the pool's hosted UI; rules in src/hosted-ui/domains.ts. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { userPoolId } from '../../user-pools/shapes.js';
import { createDomain } from '../../hosted-ui/domains.js';

export default operation({
  service: 'cognito-idp',
  name: 'CreateUserPoolDomain',
  auth: 'iam',
  compat: { status: 'partial', missing: 'custom domains are served with the TLS listener\'s certificate (or behind your proxy); the ACM CertificateArn is recorded, not used' },
  input: z.object({
    UserPoolId: userPoolId(),
    Domain: z.string().min(1).max(253),
    ManagedLoginVersion: z.number().int().optional(),
    CustomDomainConfig: z.object({ CertificateArn: z.string().min(20).max(2048) }).optional(),
  }),
  run: (input, { svc }) => createDomain(svc, input),
});
