import { expect, test } from './fixtures';
import { login, setLanguage, snapshot, unique } from './helpers';

/** A CSV file for the upload field, as bytes (so that Windows-1252 stays Windows-1252). */
const csv = (name: string, bytes: Buffer) => ({ name, mimeType: 'text/csv', buffer: bytes });

async function importFile(page: import('@playwright/test').Page, kind: 'articles' | 'opening-stock', file: ReturnType<typeof csv>) {
  await page.goto('/stock/import');
  await page.getByLabel(/What the file holds|Contenu du fichier/).selectOption(kind);
  await page.getByLabel(/CSV file|Fichier CSV/).setInputFiles(file);
  await page.getByRole('button', { name: /Check and import|Vérifier et importer/ }).click();
  await expect(page).toHaveURL(/\/stock\/import\/[0-9a-f-]{36}$/);
}

test('a manager creates an article, is told what is wrong, then changes it', async ({ page }, info) => {
  const code = unique(info, 'ART-');
  await login(page, 'manager@demo.example', '/stock');
  await page.getByRole('link', { name: 'New article' }).click();
  await page.getByLabel('Code').fill(code);
  await page.getByLabel('Designation').fill('Perceuse à percussion 18 V');
  await page.getByLabel('Purchase price').fill('abc');
  await page.getByLabel('Minimum stock').fill('5');
  await page.getByLabel('Maximum stock').fill('2');
  await page.getByRole('button', { name: 'Create the article' }).click();
  await expect(page.getByText('Not a number (use 1234,56 or 1234.56).')).toBeVisible();
  await expect(page.getByText('The maximum must not be below the minimum.')).toBeVisible();
  // What was typed is still there.
  await expect(page.getByLabel('Designation')).toHaveValue('Perceuse à percussion 18 V');

  await page.getByLabel('Code').fill(code);
  await page.getByLabel('Purchase price').fill('89,90');
  await page.getByLabel('Maximum stock').fill('20');
  await page.getByRole('button', { name: 'Create the article' }).click();
  await expect(page.getByText('Article created.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(code);

  await page.getByRole('link', { name: 'Change the article' }).click();
  await expect(page.getByLabel('Purchase price')).toHaveValue('89.90');
  await page.getByLabel('Designation').fill('Perceuse 18 V sans fil');
  await page.getByRole('button', { name: 'Save the article' }).click();
  await expect(page.getByText('Article saved.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Perceuse 18 V sans fil');

  // The same code again is refused.
  await page.goto('/stock/new-article');
  await page.getByLabel('Code').fill(code);
  await page.getByLabel('Designation').fill('Doublon');
  await page.getByRole('button', { name: 'Create the article' }).click();
  await expect(page.getByText('Another article already uses this code.')).toBeVisible();
});

test('an import with errors imports nothing and says where; a clean one imports everything', async ({ page }, info) => {
  const prefix = unique(info, 'IMP');
  await login(page, 'manager@demo.example', '/stock/import');
  // Windows-1252, semicolons and decimal commas, as a French spreadsheet saves it; line 3 is wrong.
  const bad = Buffer.from(
    `Code;Désignation;Prix d'achat;Stock min\r\n${prefix}-1;Vis à bois;0,10;5\r\n${prefix}-2;Clou;abc;5\r\n`,
    'latin1',
  );
  await importFile(page, 'articles', csv('articles.csv', bad));
  const report = page.locator('[data-outcome="refused"]');
  await expect(report).toContainText('Nothing was imported: the file has 1 problem.');
  await expect(report.locator('tr[data-line="3"]')).toContainText('purchase_price');
  await expect(report.locator('tr[data-line="3"]')).toContainText('Not a number');
  await snapshot(page, `import-refused-${info.project.name}`);
  await setLanguage(page, 'fr');
  await expect(page.locator('[data-outcome="refused"]')).toContainText('Rien n’a été importé');
  await setLanguage(page, 'en');
  await page.goto(`/stock/articles?q=${prefix}`);
  await expect(page.getByText('No article matches.')).toBeVisible();

  const good = Buffer.from(
    `code,designation,purchase_price,min_stock,max_stock\n${prefix}-1,"Vis à bois, 4x40",0.10,5,50\n${prefix}-2,Clou,0.02,5,50\n`,
    'utf8',
  );
  await importFile(page, 'articles', csv('articles-ok.csv', good));
  await expect(page.locator('[data-outcome="imported"]')).toContainText('Import complete: 2 rows imported.');
  const opening = Buffer.from(`article;site;quantite;lot;dluo\n${prefix}-1;LYON-01;12,5;${prefix}-L;31/12/2027\n`, 'utf8');
  await importFile(page, 'opening-stock', csv('stock.csv', opening));
  await expect(page.locator('[data-outcome="imported"]')).toContainText('Import complete: 1 row imported.');
  await page.goto(`/stock/articles?q=${prefix}`);
  await expect(page.locator(`tr[data-article="${prefix}-1"]`)).toContainText('12.5');
  await expect(page.locator(`tr[data-article="${prefix}-2"]`)).toContainText('Clou');
  await page.goto('/stock/import');
  await expect(page.locator('tr[data-outcome="imported"]').first()).toContainText('stock.csv');
  await snapshot(page, `import-${info.project.name}`);
});

test('alerts, reorder suggestions, valuation, lot trace and expiring lots; CSV downloads', async ({ page }, info) => {
  await login(page, 'accountant@demo.example', '/stock/alerts');
  await expect(page.locator('tr[data-article="CAB-R2V"]').first()).toBeVisible();
  await snapshot(page, `alerts-${info.project.name}`);
  await page.goto('/stock/reorder');
  await expect(page.locator('tr[data-article="CAB-R2V"]').first()).toContainText('m');
  const reorder = await page.request.get('/stock/reorder.csv');
  expect(reorder.headers()['content-type']).toContain('text/csv');
  expect(await reorder.text()).toContain('CAB-R2V');
  const list = await page.request.get('/stock/articles.csv?q=VIS-M6');
  expect(await list.text()).toMatch(/^\uFEFFcode,designation,category,unit,quantity,value\r\nVIS-M6,/);

  await page.goto('/stock/articles');
  await page.getByLabel('Category').selectOption('EPI');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/category=EPI/);
  await expect(page.locator('tr[data-article="GANT-T9"]')).toBeVisible();
  await expect(page.locator('tr[data-article="VIS-M6"]')).toHaveCount(0);

  await page.goto('/stock/valuation');
  await expect(page.locator('[data-total]')).toContainText('€');
  await expect(page.locator('tr[data-key="LYON-01"]')).toBeVisible();
  await setLanguage(page, 'fr');
  await expect(page.locator('[data-total]')).toContainText('Valeur totale du stock');
  await snapshot(page, `valuation-fr-${info.project.name}`);
  await setLanguage(page, 'en');

  await page.goto('/stock/lots');
  await page.getByLabel('Lot number').fill('L-2611');
  await page.getByRole('button', { name: 'Trace' }).click();
  await expect(page).toHaveURL(/number=L-2611/);
  await expect(page.locator('tr[data-site="LYON-01"]')).toContainText('VIS-M6');
  await expect(page.locator('tr[data-movement="receipt"]').first()).toBeVisible();
  await page.goto('/stock/lots?number=NO-SUCH-LOT');
  await expect(page.getByText('No lot has this number.')).toBeVisible();
  await page.goto('/stock/expiring?days=365');
  await expect(page.getByRole('heading', { name: 'Lots expiring soon' })).toBeVisible();
});

test('a large withdrawal goes through and is listed as an anomaly', async ({ page }, info) => {
  const code = unique(info, 'ANO-');
  await login(page, 'manager@demo.example', '/stock/new-article');
  await page.getByLabel('Code').fill(code);
  await page.getByLabel('Designation').fill('Article surveillé');
  await page.getByRole('button', { name: 'Create the article' }).click();
  await expect(page.getByText('Article created.')).toBeVisible();
  const receive = page.locator('#receive');
  await receive.getByLabel('Quantity').fill('100');
  await receive.getByLabel('Unit cost').fill('1');
  await receive.getByRole('button', { name: 'Record the receipt' }).click();
  await expect(page.getByText('Receipt recorded.')).toBeVisible();
  await page.locator('#withdraw').getByLabel('Quantity').fill('80');
  await page.locator('#withdraw').getByRole('button', { name: 'Record the withdrawal' }).click();
  await expect(page.getByText('Withdrawal recorded.')).toBeVisible();

  await page.goto('/stock/anomalies');
  const row = page.locator('tr[data-kind="stock-large-change"]').filter({ hasText: code });
  await expect(row).toContainText('100 → 20');
  await expect(row).toContainText('Warning');
  await expect(row).toContainText('Camille Martin');
  await snapshot(page, `anomalies-${info.project.name}`);
});

test('where the company has not turned them on, import and reorders say so; a technician cannot create articles', async ({ page }) => {
  await login(page, 'manager@acme.example', '/stock/import');
  await expect(page.locator('[data-error="feature-off"]')).toContainText('Your company has not turned this feature on.');
  await page.goto('/stock/reorder');
  await expect(page.getByRole('alert')).toContainText('Your company has not turned this feature on.');
  await page.goto('/stock');
  await expect(page.getByRole('link', { name: 'Import from CSV' })).toHaveCount(0);
  await page.getByRole('button', { name: /Sign out|Se déconnecter/ }).click();

  await login(page, 'technician@demo.example', '/stock/new-article');
  await expect(page.getByText('Your role does not allow this action.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create the article' })).toHaveCount(0);
  await page.goto('/stock/import');
  await expect(page.getByText('Your role does not allow importing.')).toBeVisible();
  // A file posted by hand is refused too.
  const response = await page.request.post('/stock/import/upload', { multipart: { kind: 'articles', file: csv('x.csv', Buffer.from('code;designation\nX;Y\n')) } });
  expect(response.status()).toBe(403);
});

test('a withdrawal can take from a chosen lot instead of the first expiring one', async ({ page }, info) => {
  const code = unique(info, 'LOT-');
  await login(page, 'manager@demo.example', '/stock/new-article');
  await page.getByLabel('Code').fill(code);
  await page.getByLabel('Designation').fill('Colle à prise rapide');
  await page.getByRole('button', { name: 'Create the article' }).click();
  await expect(page.getByText('Article created.')).toBeVisible();
  for (const [lot, expiry] of [['L-OLD', '2027-01-01'], ['L-NEW', '2028-01-01']]) {
    const receive = page.locator('#receive');
    await receive.getByLabel('Quantity').fill('10');
    await receive.getByLabel('Unit cost').fill('2,00');
    await receive.getByLabel('Lot number').fill(lot);
    await receive.getByLabel('Expiry date').fill(expiry);
    await receive.getByRole('button', { name: 'Record the receipt' }).click();
    await expect(page.getByText('Receipt recorded.')).toBeVisible();
  }
  const withdraw = page.locator('#withdraw');
  await withdraw.getByLabel('Quantity').fill('3');
  const newer = await withdraw.getByLabel('Lot', { exact: true }).locator('option', { hasText: 'L-NEW' }).getAttribute('value');
  await withdraw.getByLabel('Lot', { exact: true }).selectOption(newer!);
  await withdraw.getByRole('button', { name: 'Record the withdrawal' }).click();
  await expect(page.getByText('Withdrawal recorded.')).toBeVisible();
  await expect(page.locator('ul.lots')).toContainText('L-NEW · 7');
  await expect(page.locator('ul.lots')).toContainText('L-OLD · 10');
});
