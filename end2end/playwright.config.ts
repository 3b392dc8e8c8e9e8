import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir, homedir } from 'node:os';
import { join, resolve } from 'node:path';

// Debian's Chromium (apt-get install chromium); never `npx playwright install`.
const PORT = process.env.E2E_PORT ?? '3100';
const OIDC_PORT = process.env.E2E_OIDC_PORT ?? '3201';
const HOOKS_PORT = process.env.E2E_HOOKS_PORT ?? '3202';
process.env.E2E_HOOKS = `http://127.0.0.1:${HOOKS_PORT}`;
// The venv scripts/setup.sh makes holds the webhook receiver's Standard Webhooks library.
const python = process.env.ATELIER_PYTHON ?? join(homedir(), '.cache', 'atelier-venv', 'bin', 'python');
process.env.E2E_OIDC_ISSUER = `http://127.0.0.1:${OIDC_PORT}`;
const targetDir = process.env.CARGO_TARGET_DIR ?? join(homedir(), '.cache', 'atelier-target');
// A fresh data directory per run: the server seeds the demo into it on start. Kept in the
// environment so that test workers (which inherit it) can run admin commands on the same data.
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'atelier-e2e-'));
process.env.E2E_BINARY ??= join(targetDir, 'debug', 'atelier');
const dataDir = process.env.E2E_DATA_DIR;

const chromium = {
  browserName: 'chromium' as const,
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  },
};

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    locale: 'en-GB',
  },
  projects: [
    { name: 'js', use: { ...chromium, javaScriptEnabled: true } },
    { name: 'nojs', use: { ...chromium, javaScriptEnabled: false } },
  ],
  webServer: [
    {
      command: `${process.env.E2E_BINARY} serve`,
      cwd: resolve(__dirname, '..'),
      url: `http://127.0.0.1:${PORT}/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        LEPTOS_SITE_ADDR: `127.0.0.1:${PORT}`,
        LEPTOS_SITE_ROOT: resolve(__dirname, '..', 'target', 'site'),
        ATELIER_DATA_DIR: dataDir,
        ATELIER_DEMO: 'true',
        ATELIER_LOG: 'warn',
        // Every test signs in from 127.0.0.1; the per-address limit has its own Rust test.
        ATELIER_LOGIN_ATTEMPTS_PER_MINUTE: '1000',
        // The webhook test's receiver listens on this machine.
        ATELIER_WEBHOOKS_ALLOW_LOOPBACK: 'true',
      },
    },
    {
      // A webhook receiver that checks signatures with the Standard Webhooks reference library.
      command: `${python} -W ignore services/tests/support/webhook_receiver.py ${HOOKS_PORT}`,
      cwd: resolve(__dirname, '..'),
      url: `http://127.0.0.1:${HOOKS_PORT}/received/ready`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      // A real OpenID Provider for the single sign-on test (npm oidc-provider).
      command: 'node oidc/provider.mjs',
      cwd: __dirname,
      url: `http://127.0.0.1:${OIDC_PORT}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: 'ignore',
      stderr: 'ignore',
      env: { OIDC_PORT, OIDC_ATELIER_URL: `http://127.0.0.1:${PORT}`, OIDC_CLIENT_SECRET: 'e2e-client-secret' },
    },
  ],
});
