/** SetUICustomization: CSS and logo for the pool (`ALL`) or one app client; rules in src/hosted-ui/customization.ts. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { userPoolId } from '../../user-pools/shapes.js';
import { setUiCustomization } from '../../hosted-ui/customization.js';

export default operation({
  service: 'cognito-idp',
  name: 'SetUICustomization',
  auth: 'iam',
  compat: { status: 'partial', missing: 'values are checked per property (colours, px/em/rem/% lengths in ranges, documented keywords; Cognito\'s default stylesheet passes); where Cognito documents no range Cognate picks one that keeps the page usable, so a value Cognito would take may be refused (InvalidParameterException naming class, property and reason); ManagedLoginVersion 2 branding is separate' },
  input: z.object({
    UserPoolId: userPoolId(),
    ClientId: z.string().min(1).max(128).optional(),
    CSS: z.string().max(131072).optional(),
    // A blob: base64 in JSON. 100 KB of image is ~137 KB of base64; the domain checks the decoded size.
    ImageFile: z.string().max(200_000).optional(),
  }),
  run: (input, { svc }) => setUiCustomization(svc, input),
});
