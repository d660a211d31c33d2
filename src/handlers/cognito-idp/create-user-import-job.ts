/** CreateUserImportJob (IAM): a job in Created with a PreSignedUrl on this server for the CSV upload. */
import { z } from 'zod';
import { operation } from '../operation.js';
import { enumOf, userPoolId } from '../../user-pools/shapes.js';
import { createImportJob } from '../../user-import/jobs.js';
import { jobName, roleArn } from '../../user-import/wire.js';
import { errors } from '../../errors.js';

export default operation({
  service: 'cognito-idp',
  name: 'CreateUserImportJob',
  auth: 'iam',
  compat: { status: 'partial', missing: 'PasswordHashingAlgorithm (importing password hashes) is refused; imported users reset their password' },
  input: z.object({
    JobName: jobName(),
    UserPoolId: userPoolId(),
    CloudWatchLogsRoleArn: roleArn(),
    PasswordHashingAlgorithm: enumOf(['BCRYPT', 'SCRYPT', 'ARGON2ID', 'PBKDF2_SHA256']).optional(),
  }),
  run: async (input, { svc }) => {
    if (input.PasswordHashingAlgorithm !== undefined) {
      throw errors.invalidParameter('PasswordHashingAlgorithm is not supported: Cognate imports users without passwords (RESET_REQUIRED).');
    }
    return { UserImportJob: await createImportJob(svc, input.UserPoolId, input.JobName, input.CloudWatchLogsRoleArn) };
  },
});
