/**
 * Generates docs/compatibility.md: every operation of the installed AWS SDK models Cognate serves, with its
 * status taken from the handler registry (done, or partial with what is missing) or the issue that plans it.
 * `npm run docs:compat` writes the file; `--check` exits 1 when the file is stale (used by the test suite).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { loadRegistry } from '../src/handlers/registry.js';
import { renderHttpEndpoints } from './compat-http.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
/** Operations an SDK model lists that a service's section covers; `only` narrows a huge API (IAM) to Cognate's subset. */
interface Section {
  readonly service: string;
  readonly title: string;
  readonly sdk: string;
  readonly plans: readonly [RegExp, string][];
  readonly only?: readonly string[];
  readonly footnote?: string;
}

const SECTIONS: readonly Section[] = [
  {
    service: 'cognito-idp',
    title: 'Cognito Identity Provider API (`cognito-idp`)',
    sdk: '@aws-sdk/client-cognito-identity-provider',
    plans: [
      [/Device|SoftwareToken|MFA|Mfa(?!Config)|UserSettings|AuthFactors|WebAuthn/, 'planned: MFA, devices and custom auth (issue 4)'],
      [/Domain|ResourceServer|UICustomization|IdentityProvider|ProviderForUser|ManagedLoginBranding|Terms|GetClientToken|SigningCertificate/, 'planned: hosted UI and OAuth 2.0 / OIDC (issue 5)'],
      [/RiskConfiguration|AuthEvent/, 'planned: adaptive authentication'],
      [/ImportJob|CSVHeader/, 'planned: user import at scale (issue 7)'],
    ],
    footnote:
      'Identity providers: ProviderType OIDC is served, with sign-in through `/oauth2/idpresponse` (GET, or POST for `response_mode=form_post`). Planned: SAML 2.0 providers (`/saml2/idpresponse`, `/saml2/logout`) and the social provider types Google, Facebook, LoginWithAmazon and SignInWithApple; until then CreateIdentityProvider refuses them with InvalidParameterException naming the type (a social provider that speaks OpenID Connect can be added as OIDC).',
  },
  {
    service: 'cognito-identity',
    title: 'Cognito Identity API (`cognito-identity`, identity pools)',
    sdk: '@aws-sdk/client-cognito-identity',
    plans: [[/./, 'planned: identity pools (issue 6)']],
  },
  {
    service: 'sts',
    title: 'AWS Security Token Service (`sts`, query protocol)',
    sdk: '@aws-sdk/client-sts',
    plans: [[/AssumeRoleWithWebIdentity|GetCallerIdentity|^AssumeRole$/, 'planned: STS (issue 6)'], [/./, 'not planned']],
  },
  {
    service: 'iam',
    title: 'AWS IAM (`iam`, query protocol, the subset Cognate serves)',
    sdk: '@aws-sdk/client-iam',
    plans: [[/./, 'planned: IAM (issue 6)']],
    only: [
      'CreateRole', 'GetRole', 'UpdateRole', 'DeleteRole', 'ListRoles', 'PutRolePolicy', 'GetRolePolicy', 'DeleteRolePolicy',
      'ListRolePolicies', 'CreatePolicy', 'GetPolicy', 'DeletePolicy', 'AttachRolePolicy', 'DetachRolePolicy',
      'ListAttachedRolePolicies', 'CreateOpenIDConnectProvider', 'GetOpenIDConnectProvider', 'DeleteOpenIDConnectProvider',
      'ListOpenIDConnectProviders', 'CreateUser', 'CreateAccessKey', 'DeleteAccessKey', 'PutUserPolicy', 'AttachUserPolicy',
      'SimulateCustomPolicy',
    ],
    footnote: 'Other IAM operations are not planned.',
  },
];

function sdkOperations(sdk: string): string[] {
  const dir = path.join(path.dirname(require.resolve(`${sdk}/package.json`)), 'dist-types/commands');
  return readdirSync(dir)
    .filter((f) => f.endsWith('Command.d.ts'))
    .map((f) => f.replace('Command.d.ts', ''))
    .sort();
}

async function renderSection(section: Section): Promise<string[]> {
  const reg = (await loadRegistry()).get(section.service) ?? new Map();
  const ops = sdkOperations(section.sdk).filter((op) => !section.only || section.only.includes(op) || reg.has(op));
  let done = 0;
  let partial = 0;
  const rows = ops.map((op) => {
    const h = reg.get(op);
    if (h?.compat) {
      partial++;
      return `| ${op} | partial | ${h.compat.missing} |`;
    }
    if (h) {
      done++;
      return `| ${op} | done | ${h.auth === 'iam' ? 'SigV4 (operator key)' : 'public'} |`;
    }
    const plan = section.plans.find(([re]) => re.test(op))?.[1] ?? 'planned: not yet built';
    return plan.startsWith('planned: ') ? `| ${op} | planned | ${plan.replace(/^planned: /, '')} |` : `| ${op} | ${plan} | |`;
  });
  return [
    `## ${section.title}`,
    '',
    `${done} done, ${partial} partial, ${ops.length - done - partial} other, of ${ops.length} operations (from \`${section.sdk}\`).`,
    '',
    '| operation | status | notes |',
    '| --- | --- | --- |',
    ...rows,
    ...(section.footnote ? ['', section.footnote] : []),
    '',
  ];
}

export async function render(): Promise<string> {
  const sections: string[] = [];
  for (const section of SECTIONS) sections.push(...(await renderSection(section)));
  return [
    '# Compatibility',
    '',
    'Generated by `npm run docs:compat` from the handler registry and the operation lists of the installed AWS SDK',
    'clients; a test fails when this file is stale.',
    '',
    '"done" means the operation takes the AWS request shape, returns its response shape and errors, and is covered by',
    'tests that drive it with the AWS SDK over a socket on SQLite and PostgreSQL. The last column says how a call is',
    'authorized, what is missing, or which piece of work plans it.',
    '',
    ...sections,
    ...renderHttpEndpoints(),
  ].join('\n');
}

const target = path.join(root, 'docs/compatibility.md');
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const text = await render();
  if (process.argv.includes('--check')) {
    const current = readFileSync(target, 'utf8');
    if (current !== text) {
      process.stderr.write('docs/compatibility.md is stale: run npm run docs:compat\n');
      process.exit(1);
    }
  } else {
    writeFileSync(target, text);
    process.stdout.write(`wrote ${path.relative(root, target)}\n`);
  }
}
