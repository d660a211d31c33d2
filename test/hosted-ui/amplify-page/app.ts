/**
 * The browser app of amplify-redirect.test.ts, bundled by esbuild: Amplify v6 configured for Cognate's hosted UI
 * from the JSON the test server puts in the page (`#config`). It only exposes Amplify's own calls on
 * `window.app` for the test to drive; it adds no OAuth logic of its own.
 */
import { Amplify } from 'aws-amplify';
import { fetchAuthSession, getCurrentUser, signInWithRedirect, signOut } from 'aws-amplify/auth';
import { Hub } from 'aws-amplify/utils';

interface PageConfig {
  userPoolId: string;
  userPoolClientId: string;
  userPoolEndpoint: string;
  domain: string;
  redirect: string;
}

const config = JSON.parse(document.getElementById('config')!.textContent!) as PageConfig;
const events: string[] = [];
Hub.listen('auth', ({ payload }) => {
  events.push(payload.event);
});

Amplify.configure({
  Auth: {
    Cognito: {
      userPoolId: config.userPoolId,
      userPoolClientId: config.userPoolClientId,
      userPoolEndpoint: config.userPoolEndpoint,
      loginWith: {
        oauth: {
          domain: config.domain,
          scopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'],
          redirectSignIn: [config.redirect],
          redirectSignOut: [config.redirect],
          responseType: 'code',
        },
      },
    },
  },
});

/** What the page knows about its user: Amplify's session and current user, or the error it gave. */
async function state() {
  try {
    const session = await fetchAuthSession();
    if (!session.tokens) return { signedIn: false as const, events };
    const user = await getCurrentUser();
    return {
      signedIn: true as const,
      username: user.username,
      userId: user.userId,
      idToken: session.tokens.idToken?.toString(),
      accessToken: session.tokens.accessToken.toString(),
      events,
    };
  } catch (e) {
    return { signedIn: false as const, error: `${(e as Error).name}: ${(e as Error).message}`, events };
  }
}

(window as unknown as { app: unknown }).app = {
  state,
  signIn: () => signInWithRedirect(),
  signOut: () => signOut(),
  events,
};
document.getElementById('status')!.textContent = 'ready';
