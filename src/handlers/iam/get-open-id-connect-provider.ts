import { z } from 'zod';
import { operation } from '../operation.js';
import { getOidcProvider, issuerKey } from '../../iam-admin/oidc-providers.js';
import { arn } from '../../iam-admin/wire.js';

export default operation({
  service: 'iam',
  name: 'GetOpenIDConnectProvider',
  auth: 'iam',
  input: z.object({ OpenIDConnectProviderArn: arn }),
  resource: (i) => i.OpenIDConnectProviderArn,
  async run(input, { svc }) {
    const p = await getOidcProvider(svc, input.OpenIDConnectProviderArn);
    // IAM answers the URL without its scheme.
    return { Url: issuerKey(p.url), ClientIDList: p.clientIds, ThumbprintList: p.thumbprints, CreateDate: new Date(p.createdAt), ...(p.tags.length ? { Tags: p.tags } : {}) };
  },
});
