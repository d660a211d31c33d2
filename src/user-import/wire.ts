/** Zod shapes of the user import operations' members, with the model's constraints. */
import { ARN, str } from '../user-pools/shapes.js';

export const jobId = () => str(1, 55, /^import-[0-9a-zA-Z-]+$/);
export const jobName = () => str(1, 128, /^[\w\s+=,.@-]+$/);
export const roleArn = () => str(20, 2048, ARN);
