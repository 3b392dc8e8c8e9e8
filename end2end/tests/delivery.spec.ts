import { test, expect } from './fixtures';
import { hasJs, waitForHydration } from './helpers';

// Issue 17, item 9: what a phone on a slow link downloads. The page comes compressed, its
// bundle under content-hashed names, sent as the build compressed it and kept for a year; a
// second visit loads none of it again.
test('the bundle comes compressed under hashed names, cached for a year', async ({ page }, info) => {
  test.skip(!hasJs(info), 'the bundle is what JavaScript loads');
  const responses = new Map<string, { encoding?: string; cache?: string; type?: string }>();
  page.on('response', (response) => {
    const headers = response.headers();
    responses.set(new URL(response.url()).pathname, {
      encoding: headers['content-encoding'],
      cache: headers['cache-control'],
      type: headers['content-type'],
    });
  });
  await page.goto('/login');
  await waitForHydration(page);

  // Brotli where Chromium offers it (it may keep it for https and localhost), gzip otherwise.
  const encodings = ['br', 'gzip'];
  expect(encodings, 'the page').toContain(responses.get('/login')?.encoding);
  const bundle = [...responses.keys()].filter((path) => path.startsWith('/pkg/'));
  const kinds = bundle.map((path) => path.split('.').pop()).sort();
  expect(kinds, `the bundle's files: ${bundle.join(', ')}`).toEqual(['css', 'js', 'wasm']);
  for (const path of bundle) {
    expect(path, 'a content-hashed name').toMatch(/^\/pkg\/atelier\.[0-9a-f]{16}\.(js|wasm|css)$/);
    const sent = responses.get(path)!;
    expect(encodings, path).toContain(sent.encoding);
    expect(sent.cache, path).toBe('public, max-age=31536000, immutable');
  }
  expect(responses.get(bundle.find((p) => p.endsWith('.wasm'))!)?.type).toBe('application/wasm');

  // Another page of the same build names the same files, and the browser downloads none of
  // them again (Chromium's own record of where each response came from).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const cached = new Set<string>();
  const downloaded: string[] = [];
  cdp.on('Network.requestServedFromCache', (event) => cached.add(event.requestId));
  cdp.on('Network.responseReceived', (event) => {
    const path = new URL(event.response.url).pathname;
    const fromCache = event.response.fromDiskCache || event.response.fromPrefetchCache || cached.has(event.requestId);
    if (path.startsWith('/pkg/') && !fromCache) downloaded.push(path);
  });
  await page.goto('/verify');
  await waitForHydration(page);
  const stylesheet = await page.locator('link[rel=stylesheet]').getAttribute('href');
  expect(bundle, 'the same stylesheet').toContain(stylesheet);
  expect(downloaded, 'nothing of the bundle downloaded again').toEqual([]);
});
