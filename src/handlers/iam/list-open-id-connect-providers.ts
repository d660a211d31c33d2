import { z } from 'zod';
import { operation } from '../operation.js';
import { listOidcProviders } from '../../iam-admin/oidc-providers.js';

export default operation({
  service: 'iam',
  name: 'ListOpenIDConnectProviders',
  auth: 'iam',
  input: z.object({}),
  async run(_input, { svc }) {
    return { OpenIDConnectProviderList: (await listOidcProviders(svc)).map((p) => ({ Arn: p.arn })) };
  },
});
