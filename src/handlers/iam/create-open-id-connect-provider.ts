import { z } from 'zod';
import { operation } from '../operation.js';
import { qList } from '../../protocols/query-input.js';
import { createOidcProvider } from '../../iam-admin/oidc-providers.js';
import { tags } from '../../iam-admin/wire.js';

export default operation({
  service: 'iam',
  name: 'CreateOpenIDConnectProvider',
  auth: 'iam',
  input: z.object({
    Url: z.string().min(1).max(255),
    ClientIDList: qList(z.string().min(1).max(255)).optional(),
    ThumbprintList: qList(z.string().length(40)).optional(),
    Tags: tags,
  }),
  async run(input, { svc }) {
    const p = await createOidcProvider(svc, input);
    return { OpenIDConnectProviderArn: p.arn, ...(p.tags.length ? { Tags: p.tags } : {}) };
  },
});
