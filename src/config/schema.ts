/**
 * The configuration schema: every setting Cognate reads, its default and its constraint.
 * Environment variables and the optional config file are both mapped onto this one shape;
 * nothing else in the code reads process.env.
 */
import { z } from 'zod';

const region = z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must look like an AWS region, e.g. us-east-1');

const lambdaFunction = z.union([
  z.object({ module: z.string().min(1), handler: z.string().regex(/^[A-Za-z_$][\w$]*$/).default('handler') }).strict(),
  z.object({ url: z.string().url(), secret: z.string().min(16).optional() }).strict(),
]);

const lambdaSchema = z
  .object({
    /** Lambda Invoke API base URL for ARNs without a module/url mapping; unset = https://lambda.{region}.amazonaws.com. */
    endpoint: z.string().url().optional(),
    /** SigV4 credentials for the Invoke API (a local Lambda emulator accepts any). */
    accessKeyId: z.string().min(1).optional(),
    secretAccessKey: z.string().min(1).optional(),
    sessionToken: z.string().min(1).optional(),
    /** Per-invocation timeout (Cognito: 5 s). */
    timeoutMs: z.coerce.number().int().min(100).max(30_000).default(5000),
    /** Worker threads running local handler modules. */
    workers: z.coerce.number().int().min(1).max(64).default(2),
    /** Heap limit of one worker, MB; a handler over it fails with UnexpectedLambdaException. */
    workerMemoryMb: z.coerce.number().int().min(16).max(4096).default(128),
    /** HMAC-SHA256 key for URL functions without their own `secret`. */
    webhookSecret: z.string().min(16).optional(),
    /** ARN or function name → { module, handler } (a local file) or { url, secret } (an HTTPS endpoint). */
    functions: z.record(lambdaFunction).default({}),
  })
  .strict();

export const configSchema = z
  .object({
    host: z.string().min(1).default('127.0.0.1'),
    port: z.coerce.number().int().min(0).max(65535).default(9229),
    dataDir: z.string().min(1).default('./data'),
    databaseUrl: z
      .string()
      .regex(/^(postgres(ql)?:\/\/|sqlite:)/, 'must start with postgres:// (PostgreSQL) or sqlite: (a SQLite file path)')
      .optional(),
    /** Base of token issuers and links; defaults to http://{host}:{port}. */
    publicUrl: z.string().url().optional(),
    region: region.default('us-east-1'),
    /** Further regions that SigV4 scopes and pool ids may use. */
    extraRegions: z.array(region).default([]),
    accountId: z.string().regex(/^\d{12}$/, 'must be 12 digits').default('000000000000'),
    /** 32 bytes as base64 or 64 hex characters; else a key file is created in the data dir. */
    masterKey: z.string().optional(),
    adminAccessKeyId: z.string().regex(/^[A-Z0-9]{16,128}$/, 'must be 16-128 upper-case letters and digits').optional(),
    adminSecretAccessKey: z.string().min(16, 'must be at least 16 characters').optional(),
    mode: z.enum(['development', 'production']).default('development'),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Largest request body accepted, in bytes. */
    maxBodyBytes: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024),
    /** Longest time a client may take to send one whole request (headers and body); slow senders are cut off. */
    requestTimeoutMs: z.coerce.number().int().min(100).max(600_000).default(30_000),
    /** A connection with no bytes moving for this long is closed. */
    idleTimeoutMs: z.coerce.number().int().min(100).max(600_000).default(30_000),
    /**
     * How long a node trusts its cached pool and app-client configuration, ms (0 = no cache). Writes through a
     * node drop its cache at once; other nodes see a change within this time.
     */
    configCacheTtlMs: z.coerce.number().int().min(0).max(1000).default(1000),
    /** Allowed difference between a SigV4 x-amz-date and now. */
    clockSkewSeconds: z.coerce.number().int().min(1).max(3600).default(300),
    smtp: z
      .object({
        url: z.string().min(1),
        from: z.string().min(3).default('no-reply@cognate.local'),
      })
      .optional(),
    sms: z.object({ webhookUrl: z.string().url(), secret: z.string().optional() }).optional(),
    /** `iss` of the OpenID tokens identity pools issue (GetOpenIdToken); Cognito's own value by default. */
    identityPoolIssuer: z.string().url().default('https://cognito-identity.amazonaws.com'),
    /** Lambda triggers: where each function ARN (or name) runs; see src/triggers/ and the README. */
    lambda: lambdaSchema.default({}),
    /** Hosted UI: prefix domains answer at {prefix}.{authBaseDomain} (Host header). */
    authBaseDomain: z.string().regex(/^[a-z0-9.-]+$/, 'must be a lower-case host name, e.g. auth.localhost').default('auth.localhost'),
    /** Hosted UI TLS listener port; unset = no TLS listener. */
    tlsPort: z.coerce.number().int().min(0).max(65535).optional(),
    /** PEM certificate chain and key for the TLS listener; without them a local CA in {dataDir}/tls issues one. */
    tlsCertFile: z.string().min(1).optional(),
    tlsKeyFile: z.string().min(1).optional(),
    /** The declarative setup (pools, clients, groups) from the config file. */
    userPools: z.array(z.unknown()).default([]),
    /** Declared IAM roles, managed policies and OIDC providers (src/iam-admin/declarative.ts checks the shape). */
    iam: z.unknown().optional(),
  })
  .strict();

export type Config = z.infer<typeof configSchema> & {
  publicUrl: string;
  /** True when publicUrl was derived from host and port (it then follows the port actually bound). */
  publicUrlDerived: boolean;
  configFile?: string;
};

/** Environment variable → config key. */
export const envKeys: Record<string, keyof z.infer<typeof configSchema>> = {
  COGNATE_HOST: 'host',
  COGNATE_PORT: 'port',
  COGNATE_DATA_DIR: 'dataDir',
  COGNATE_DATABASE_URL: 'databaseUrl',
  COGNATE_PUBLIC_URL: 'publicUrl',
  COGNATE_REGION: 'region',
  COGNATE_ACCOUNT_ID: 'accountId',
  COGNATE_MASTER_KEY: 'masterKey',
  COGNATE_ADMIN_ACCESS_KEY_ID: 'adminAccessKeyId',
  COGNATE_ADMIN_SECRET_ACCESS_KEY: 'adminSecretAccessKey',
  COGNATE_MODE: 'mode',
  COGNATE_LOG_LEVEL: 'logLevel',
  COGNATE_MAX_BODY_BYTES: 'maxBodyBytes',
  COGNATE_CLOCK_SKEW_SECONDS: 'clockSkewSeconds',
  COGNATE_REQUEST_TIMEOUT_MS: 'requestTimeoutMs',
  COGNATE_IDLE_TIMEOUT_MS: 'idleTimeoutMs',
  COGNATE_CONFIG_CACHE_TTL_MS: 'configCacheTtlMs',
  COGNATE_IDENTITY_POOL_ISSUER: 'identityPoolIssuer',
  COGNATE_AUTH_BASE_DOMAIN: 'authBaseDomain',
  COGNATE_TLS_PORT: 'tlsPort',
  COGNATE_TLS_CERT_FILE: 'tlsCertFile',
  COGNATE_TLS_KEY_FILE: 'tlsKeyFile',
};

/** Environment variable → nested config key (merged into the file's object of that key). */
export const nestedEnvKeys: Record<string, readonly [keyof z.infer<typeof configSchema>, string]> = {
  COGNATE_LAMBDA_ENDPOINT: ['lambda', 'endpoint'],
  COGNATE_LAMBDA_ACCESS_KEY_ID: ['lambda', 'accessKeyId'],
  COGNATE_LAMBDA_SECRET_ACCESS_KEY: ['lambda', 'secretAccessKey'],
  COGNATE_LAMBDA_SESSION_TOKEN: ['lambda', 'sessionToken'],
  COGNATE_LAMBDA_TIMEOUT_MS: ['lambda', 'timeoutMs'],
};
