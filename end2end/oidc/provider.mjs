// A real OpenID Provider (npm oidc-provider) for the single sign-on end-to-end test, with one
// static client for Atelier under test. Its development login form accepts any login and
// password; the login given becomes the subject and the (verified) e-mail.
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT ?? 3201);
const atelier = process.env.OIDC_ATELIER_URL ?? 'http://127.0.0.1:3100';

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [
    {
      client_id: 'atelier-e2e',
      client_secret: process.env.OIDC_CLIENT_SECRET ?? 'e2e-client-secret',
      redirect_uris: [`${atelier}/auth/oidc/callback`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  // Put the requested claims in the ID token itself (Atelier reads only the ID token).
  conformIdTokenClaims: false,
  cookies: { keys: ['atelier-e2e-only'] },
  features: { devInteractions: { enabled: true } },
  async findAccount(_ctx, id) {
    return { accountId: id, async claims() { return { sub: id, email: id, email_verified: true, name: id }; } };
  },
});

provider.listen(port, '127.0.0.1', () => console.log(`oidc-provider on http://127.0.0.1:${port}`));
