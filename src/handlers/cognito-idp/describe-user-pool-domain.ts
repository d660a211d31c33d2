/** DescribeUserPoolDomain: the domain's description (empty for an unknown domain, as Cognito answers). */
import { z } from 'zod';
import { operation } from '../operation.js';
import { describeDomain } from '../../hosted-ui/domains.js';

export default operation({
  service: 'cognito-idp',
  name: 'DescribeUserPoolDomain',
  auth: 'iam',
  input: z.object({ Domain: z.string().min(1).max(253) }),
  run: (input, { svc }) => describeDomain(svc, input.Domain),
});
