import { z } from 'zod';
import { operation } from '../operation.js';

export default operation({
  service: 'sts',
  name: 'GetCallerIdentity',
  auth: 'iam',
  // AWS answers GetCallerIdentity for every valid credential, whatever its policies say.
  unrestricted: true,
  input: z.object({}),
  async run(_input, { caller }) {
    return { UserId: caller!.userId, Account: caller!.account, Arn: caller!.arn };
  },
});
