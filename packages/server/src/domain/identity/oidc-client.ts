/**
 * The OpenID Connect relying party (openid-client v6): discovers the provider once, builds
 * authorization requests (code flow, PKCE S256, state, nonce) and redeems the code, checking
 * state, nonce and the ID token. Plain http is only accepted for a provider on loopback.
 */
import * as oidc from 'openid-client';
import type { OidcConfig } from '../../config/config.js';

export interface OidcIdentity {
  readonly subject: string;
  readonly email: string | undefined;
  readonly emailVerified: boolean | undefined;
  readonly name: string | undefined;
}

export interface OidcRelyingParty {
  authorizationUrl(params: { state: string; nonce: string; codeVerifier: string }): Promise<URL>;
  /** Redeems the code in `callbackUrl`; rejects when state, nonce, PKCE or the ID token do not check out. */
  redeem(callbackUrl: URL, checks: { state: string; nonce: string; codeVerifier: string }): Promise<OidcIdentity>;
}

export function oidcRelyingParty(config: OidcConfig, redirectUri: string): OidcRelyingParty {
  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = () => {
    discovered ??= discover(config).catch((error: unknown) => {
      discovered = undefined; // retry on the next sign-in rather than caching a transient failure
      throw error;
    });
    return discovered;
  };
  return {
    async authorizationUrl({ state, nonce, codeVerifier }) {
      return oidc.buildAuthorizationUrl(await configuration(), {
        redirect_uri: redirectUri,
        scope: config.scopes.join(' '),
        state,
        nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
      });
    },
    async redeem(callbackUrl, { state, nonce, codeVerifier }) {
      const tokens = await oidc.authorizationCodeGrant(await configuration(), callbackUrl, { expectedState: state, expectedNonce: nonce, pkceCodeVerifier: codeVerifier, idTokenExpected: true });
      const idClaims = tokens.claims();
      if (!idClaims) throw new Error('the provider returned no ID token');
      // Conforming providers put scope claims (email, name) in the UserInfo answer, not the ID token.
      const claims: Record<string, unknown> & { sub: string } =
        typeof idClaims.email === 'string' ? idClaims : { ...(await oidc.fetchUserInfo(await configuration(), tokens.access_token, idClaims.sub)), sub: idClaims.sub };
      return {
        subject: claims.sub,
        email: typeof claims.email === 'string' ? claims.email : undefined,
        emailVerified: typeof claims.email_verified === 'boolean' ? claims.email_verified : undefined,
        name: typeof claims.name === 'string' ? claims.name : undefined,
      };
    },
  };
}

async function discover(config: OidcConfig): Promise<oidc.Configuration> {
  const issuer = new URL(config.issuer);
  const loopback = issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
  const auth = config.clientSecret ? oidc.ClientSecretBasic(config.clientSecret) : oidc.None();
  return oidc.discovery(issuer, config.clientId, config.clientSecret, auth, loopback ? { execute: [oidc.allowInsecureRequests] } : undefined);
}
