/**
 * AdminInitiateAuth (IAM): a trusted back end starts a sign-in for a user of one pool. Throttling counts the
 * end user's address from ContextData, not the back end's.
 */
import { z } from 'zod';
import { operation } from '../operation.js';
import { initiateAuth } from '../../auth/initiate.js';
import { cleanParams } from '../../auth/context.js';
import { INITIATE_COMPAT, contextData, initiateFields, userPoolId } from '../../auth/wire.js';

export default operation({
  service: 'cognito-idp',
  name: 'AdminInitiateAuth',
  auth: 'iam',
  compat: INITIATE_COMPAT,
  input: z.object({ UserPoolId: userPoolId, ...initiateFields, ContextData: contextData }),
  run: (input, ctx) =>
    initiateAuth(ctx.svc, {
      api: 'admin',
      authFlow: input.AuthFlow,
      clientId: input.ClientId,
      userPoolId: input.UserPoolId,
      params: cleanParams(input.AuthParameters),
      sourceIp: input.ContextData?.IpAddress,
      clientMetadata: input.ClientMetadata,
    }),
});
