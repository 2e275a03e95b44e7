import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from '@playwright/test';
import { expect, readState, test, waitForEngine } from './fixtures';

/**
 * Writes the bundled model's files to a fresh folder and returns their paths.
 * `saveAs` gives the files other names, as a browser does for a repeated
 * download.
 */
async function bundledModelFiles(
  page: Page,
  saveAs: { json?: string; shard?: string } = {},
) {
  const folder = await mkdtemp(join(tmpdir(), 'eventlens-model-'));
  const json = await page.request.get('/models/pretrained/model.json');
  const text = await json.text();
  const shardName = JSON.parse(text).weightsManifest[0].paths[0] as string;
  const shard = await page.request.get(`/models/pretrained/${shardName}`);
  const modelPath = join(folder, saveAs.json ?? 'model.json');
  const shardPath = join(folder, saveAs.shard ?? shardName);
  await writeFile(modelPath, text);
  await writeFile(shardPath, await shard.body());
  return { folder, modelPath, shardPath, shardName };
}

async function openModels(page: Page): Promise<void> {
  await page.goto('/?backend=wasm#models');
  await waitForEngine(page);
  await expect
    .poll(async () => (await readState(page)).models.bundled, {
      timeout: 60_000,
    })
    .toBe('ready');
}

test.describe('models page', () => {
  test.skip(
    ({ backend }) => backend !== 'wasm',
    'model files and storage do not depend on the backend',
  );

  test('lists the bundled model with its layers', async ({ page }) => {
    await openModels(page);
    const bundled = page.locator(
      '[data-testid="models.item"][data-model-id="pretrained"]',
    );
    await expect(bundled).toContainText('Parameters');
    await expect(bundled.getByTestId('models.delete')).toHaveCount(0);
    await bundled.getByTestId('models.layers').click();
    await expect(bundled.getByTestId('models.layer-table')).toContainText(
      'decoder/dense0',
    );
  });

  test('downloads files named after the model', async ({ page }) => {
    await openModels(page);
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await page
      .locator('[data-testid="models.item"][data-model-id="pretrained"]')
      .getByTestId('models.download')
      .click();
    await expect.poll(() => downloads.length).toBe(2);
    const names = downloads.map((d) => d.suggestedFilename());
    expect(names).toEqual([
      'eventlens-pretrained-12process-fast.json',
      'eventlens-pretrained-12process-fast.weights.bin',
    ]);
    const modelJson = JSON.parse(
      await readFile((await downloads[0]!.path())!, 'utf8'),
    );
    expect(modelJson.weightsManifest[0].paths).toEqual([
      'eventlens-pretrained-12process-fast.weights.bin',
    ]);
    expect(modelJson.userDefinedMetadata.modelCard.name).toBe(
      'eventlens-pretrained-12process-fast',
    );
  });

  test('uploads, keeps and deletes a model', async ({ page }) => {
    await openModels(page);
    // Both files carry the names a browser gives a second download.
    const files = await bundledModelFiles(page, {
      json: 'model (1).json',
      shard: 'weights (1).bin',
    });
    await page
      .getByTestId('models.upload')
      .setInputFiles([files.modelPath, files.shardPath]);
    const uploaded = page.locator(
      '[data-testid="models.item"]:not([data-model-id="pretrained"])',
    );
    await expect(uploaded).toHaveCount(1);
    await expect
      .poll(async () =>
        (await readState(page)).models.entries.some(
          (e) => e.origin === 'uploaded' && e.saved,
        ),
      )
      .toBe(true);

    await page.reload();
    await waitForEngine(page);
    await expect(uploaded).toHaveCount(1, { timeout: 60_000 });
    await uploaded.getByTestId('models.delete').click();
    await expect(uploaded).toHaveCount(0);
    await page.reload();
    await waitForEngine(page);
    await expect
      .poll(async () => (await readState(page)).models.bundled, {
        timeout: 60_000,
      })
      .toBe('ready');
    await expect(uploaded).toHaveCount(0);
  });

  test('rejects model.json without its weights', async ({ page }) => {
    await openModels(page);
    const files = await bundledModelFiles(page);
    await page.getByTestId('models.upload').setInputFiles([files.modelPath]);
    await expect(page.getByTestId('errors.panel')).toContainText(
      'its weights (weights.bin) are missing',
    );

    // A truncated shard fails validation and names the byte counts.
    const broken = join(files.folder, 'broken', files.shardName);
    await mkdir(join(files.folder, 'broken'));
    await writeFile(broken, new Uint8Array(1000));
    await page
      .getByTestId('models.upload')
      .setInputFiles([files.modelPath, broken]);
    await expect(page.getByTestId('errors.panel')).toContainText(
      'the manifest needs',
    );

    // A renamed single shard is taken, and its byte count is still checked.
    const renamed = join(files.folder, 'broken', 'weights (2).bin');
    await writeFile(renamed, new Uint8Array(2000));
    await page
      .getByTestId('models.upload')
      .setInputFiles([files.modelPath, renamed]);
    await expect(page.getByTestId('errors.panel')).toContainText(
      'is 2000 bytes',
    );

    // A file without the .bin extension does not replace the missing shard.
    const notes = join(files.folder, 'broken', 'notes.txt');
    await writeFile(notes, 'not weights');
    await page
      .getByTestId('models.upload')
      .setInputFiles([files.modelPath, notes]);
    await expect(page.getByTestId('errors.panel')).toContainText(
      'the weight file weights.bin listed in model.json is missing',
    );
    const entries = (await readState(page)).models.entries;
    expect(entries.map((e) => e.info.id)).toEqual(['pretrained']);
  });

  test('upgrades a database that has only sets', async ({ page }) => {
    await openModels(page);
    await page.getByTestId('nav.data').click();
    await page.getByTestId('data.sample.heptutorial-qcd').click();
    await expect(page.getByTestId('data.set')).toHaveCount(1);

    // Rebuild the database as an older page left it: version 1, one
    // store, the saved set inside.
    const version = await page.evaluate(async () => {
      const open = (version?: number, upgrade?: (db: IDBDatabase) => void) =>
        new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('eventlens', version);
          request.onupgradeneeded = () => upgrade?.(request.result);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      const done = (request: IDBRequest) =>
        new Promise((resolve, reject) => {
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      let db = await open();
      const records = await done(
        db.transaction('sets').objectStore('sets').getAll(),
      );
      db.close();
      await done(indexedDB.deleteDatabase('eventlens'));
      db = await open(1, (d) => d.createObjectStore('sets', { keyPath: 'id' }));
      const store = db.transaction('sets', 'readwrite').objectStore('sets');
      for (const record of records as unknown[]) await done(store.put(record));
      db.close();
      return 1;
    });
    expect(version).toBe(1);

    await page.reload();
    await waitForEngine(page);
    await expect(page.getByTestId('data.set')).toHaveCount(1);
    const files = await bundledModelFiles(page);
    await page.getByTestId('nav.models').click();
    await page
      .getByTestId('models.upload')
      .setInputFiles([files.modelPath, files.shardPath]);
    await expect
      .poll(async () =>
        (await readState(page)).models.entries.some((e) => e.saved),
      )
      .toBe(true);
    await page.reload();
    await waitForEngine(page);
    await expect(page.getByTestId('models.item')).toHaveCount(2, {
      timeout: 60_000,
    });
    await page.getByTestId('nav.data').click();
    await expect(page.getByTestId('data.set')).toHaveCount(1);
    await page.getByTestId('nav.models').click();
    await expect(page.getByTestId('models.item')).toHaveCount(2, {
      timeout: 60_000,
    });
  });
});
