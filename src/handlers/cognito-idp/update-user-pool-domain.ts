/** UpdateUserPoolDomain: the managed-login version or a custom domain's certificate; rules in src/hosted-ui/domains.ts. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { userPoolId } from '../../user-pools/shapes.js';
import { updateDomain } from '../../hosted-ui/domains.js';

export default operation({
  service: 'cognito-idp',
  name: 'UpdateUserPoolDomain',
  auth: 'iam',
  input: z.object({
    UserPoolId: userPoolId(),
    Domain: z.string().min(1).max(253),
    ManagedLoginVersion: z.number().int().optional(),
    CustomDomainConfig: z.object({ CertificateArn: z.string().min(20).max(2048) }).optional(),
  }),
  run: (input, { svc }) => updateDomain(svc, input),
});
