import { z } from 'zod';
import { operation } from '../operation.js';
import { deleteOidcProvider } from '../../iam-admin/oidc-providers.js';
import { arn } from '../../iam-admin/wire.js';

export default operation({
  service: 'iam',
  name: 'DeleteOpenIDConnectProvider',
  auth: 'iam',
  input: z.object({ OpenIDConnectProviderArn: arn }),
  resource: (i) => i.OpenIDConnectProviderArn,
  async run(input, { svc }) {
    await deleteOidcProvider(svc, input.OpenIDConnectProviderArn);
    return undefined;
  },
});
