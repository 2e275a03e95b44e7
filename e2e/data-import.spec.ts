import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import {
  expect,
  readState,
  savedSetCount,
  test,
  waitForEngine,
} from './fixtures';

const here = path.dirname(fileURLToPath(import.meta.url));
const samples = path.join(here, '..', 'public', 'samples');
const screenshots = path.join(here, 'screenshots');

const EXPECTED: [string, string, number][] = [
  ['single_top.root', 'single_top', 5684],
  ['ww.root', 'ww', 4580],
  ['wz.root', 'wz', 3367],
  ['zz.root', 'zz', 2421],
  ['qcd.root', 'qcd', 142],
  ['powheg-box-v2-W.lhe', 'powheg-box-v2-W', 100],
];

/** A file for `dropFiles`: its name and bytes. */
interface DroppedFile {
  name: string;
  bytes: Buffer;
}

/** Drops files on the drop zone the way a browser does. */
async function dropFiles(page: Page, files: DroppedFile[]): Promise<void> {
  const payload = files.map(({ name, bytes }) => ({
    name,
    data: bytes.toString('base64'),
  }));
  await page.evaluate((list) => {
    const transfer = new DataTransfer();
    for (const { name, data } of list) {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], name));
    }
    const zone = document.querySelector('[data-testid="data.drop-zone"]')!;
    zone.dispatchEvent(
      new DragEvent('drop', { dataTransfer: transfer, bubbles: true }),
    );
  }, payload);
}

function sample(name: string): DroppedFile {
  return { name, bytes: readFileSync(path.join(samples, name)) };
}

function card(page: Page, name: string) {
  return page.locator(`[data-testid="data.set"][data-name="${name}"]`);
}

test.describe('bring your own events', () => {
  test.skip(
    ({ backend }) => backend !== 'wasm',
    'import does not depend on the compute backend',
  );

  test('imports six dropped files and keeps them', async ({ page }) => {
    await page.goto('/?backend=wasm');
    await waitForEngine(page);
    await expect(page.getByTestId('data.limits')).toContainText(
      '1,000,000 events per file',
    );

    await dropFiles(
      page,
      EXPECTED.map(([file]) => sample(file)),
    );
    for (const [, name, events] of EXPECTED) {
      await expect(card(page, name)).toHaveAttribute(
        'data-events',
        String(events),
      );
    }
    await expect(
      page.getByTestId('data.histogram.objectPt').locator('path[data-series]'),
    ).toHaveCount(6);
    await expect(
      page.getByTestId('data.histogram.met').locator('path[data-series]'),
    ).toHaveCount(6);

    // A garbage file and a truncated ROOT file fail with their own names.
    const ww = readFileSync(path.join(samples, 'ww.root'));
    await dropFiles(page, [
      {
        name: 'garbage.root',
        bytes: Buffer.from('not a ROOT file '.repeat(64)),
      },
      { name: 'cut.root', bytes: ww.subarray(0, Math.floor(ww.length / 3)) },
    ]);
    const errors = page.getByTestId('errors.item');
    await expect(errors).toHaveCount(2);
    await expect(errors.filter({ hasText: 'garbage.root' })).toHaveCount(1);
    await expect(errors.filter({ hasText: 'cut.root' })).toHaveCount(1);
    const state = await readState(page);
    expect(state.sets.map((s) => s.summary.events)).toEqual(
      EXPECTED.map(([, , events]) => events),
    );
    await page.screenshot({
      path: path.join(screenshots, 'data-import-wasm.png'),
      fullPage: true,
    });

    // Saving happens after the sets appear, so wait until all are stored.
    await expect.poll(() => savedSetCount(page)).toBe(6);
    await page.reload();
    await expect(page.getByTestId('data.set')).toHaveCount(6);
    for (const [, name, events] of EXPECTED) {
      await expect(card(page, name)).toHaveAttribute(
        'data-events',
        String(events),
      );
    }
    // Restored sets keep the order in which the files were dropped.
    const restored = await readState(page);
    expect(restored.sets.map((s) => s.summary.events)).toEqual(
      EXPECTED.map(([, , events]) => events),
    );
    await page.getByTestId('data.clear').click();
  });

  test('maps branches by hand and saves the mapping', async ({ page }) => {
    await page.goto('/?backend=wasm');
    await waitForEngine(page);
    await page.getByTestId('data.sample.heptutorial-qcd').click();
    await expect(card(page, 'qcd')).toHaveAttribute('data-events', '142');

    // NOTE: jsroot cannot write trees, so no ROOT file with an unrecognised
    // layout exists here. The dialog is opened on a recognised file, and
    // unit tests cover unrecognised in-memory trees.
    await card(page, 'qcd').getByTestId('data.set.choose-branches').click();
    const dialog = page.getByTestId('data.mapping.dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('data.mapping.jet.px')).toHaveValue(
      'Jet_Px',
    );
    // Keep only muons and MET, after seeing a missing branch reported.
    await dialog.getByTestId('data.mapping.jet.enabled').uncheck();
    await dialog.getByTestId('data.mapping.electron.enabled').uncheck();
    await dialog.getByTestId('data.mapping.photon.enabled').uncheck();
    await dialog.getByTestId('data.mapping.jet.enabled').check();
    await dialog.getByTestId('data.mapping.jet.px').selectOption('');
    await expect(dialog.getByTestId('data.mapping.problems')).toContainText(
      'px must name a branch',
    );
    await dialog.getByTestId('data.mapping.jet.enabled').uncheck();
    await dialog.getByTestId('data.mapping.save-name').fill('muons only');
    await dialog.getByTestId('data.mapping.save').click();
    await expect(dialog.getByTestId('data.mapping.message')).toContainText(
      'Saved as "muons only"',
    );
    const download = page.waitForEvent('download');
    await dialog.getByTestId('data.mapping.export').click();
    const exported = JSON.parse(
      readFileSync(await (await download).path(), 'utf8'),
    );
    expect(exported.objects.map((o: { type: string }) => o.type)).toEqual([
      'muon',
      'met',
    ]);
    await page.screenshot({
      path: path.join(screenshots, 'data-mapping-dialog-wasm.png'),
      fullPage: true,
    });
    await dialog.getByTestId('data.mapping.apply').click();
    await expect(dialog).toHaveCount(0);
    const qcd = card(page, 'qcd');
    await expect(qcd).toHaveAttribute('data-layout', 'mapping');
    await expect(qcd.locator('tr[data-type="jet"]')).toHaveAttribute(
      'data-count',
      '0',
    );
    await expect(qcd).toHaveAttribute('data-events', '142');

    // The saved mapping is offered for the next file.
    await page.getByTestId('data.sample.heptutorial-zz').click();
    await card(page, 'zz').getByTestId('data.set.choose-branches').click();
    await dialog.getByTestId('data.mapping.saved').selectOption('muons only');
    await expect(
      dialog.getByTestId('data.mapping.jet.enabled'),
    ).not.toBeChecked();
    await dialog.getByTestId('data.mapping.cancel').click();
    await page.getByTestId('data.clear').click();
  });

  test('samples, labels, renames and smears', async ({ page }) => {
    await page.goto('/?backend=wasm');
    await waitForEngine(page);

    await page.getByTestId('data.sample-enabled').check();
    await page.getByTestId('data.sample-size').fill('500');
    await page.getByTestId('data.sample.heptutorial-single-top').click();
    await expect(card(page, 'single_top')).toHaveAttribute(
      'data-events',
      '500',
    );
    await expect(card(page, 'single_top')).toContainText(
      'loaded 500 of 5684 events read',
    );
    await page.getByTestId('data.sample-enabled').uncheck();

    // Rename the one class of the sample.
    const st = card(page, 'single_top');
    await st.getByTestId('data.set.class.rename').click();
    await st.getByTestId('data.set.class.name').fill('t-channel');
    await st.getByTestId('data.set.class.name').press('Enter');
    await expect(st.getByTestId('data.set.classes')).toContainText('t-channel');

    // LHE through the detector model.
    await page.getByTestId('data.sample.powheg-w').click();
    const lhe = card(page, 'powheg-box-v2-W');
    await expect(lhe).toHaveAttribute('data-layout', 'lhe');
    // The box shows the loaded set's state, which changes only once the
    // re-import finishes, so click() and wait rather than check().
    await lhe.getByTestId('data.set.detector').click();
    await expect(lhe).toHaveAttribute('data-layout', 'lhe+detector');
    await expect(lhe).toHaveAttribute('data-events', '100');

    // A CSV in MeV shows the conversion on its card and takes classes from
    // a chosen column.
    const input = page.getByTestId('data.file-input');
    await input.setInputFiles(path.join(here, 'fixtures', 'dijet-mev.csv'));
    const mev = card(page, 'dijet-mev');
    await expect(mev.getByTestId('data.set.units')).toContainText(
      'converted from MeV to GeV',
    );
    await expect(mev.getByTestId('data.set.classes')).toContainText('signal');
    // A set renamed before it is read again with a class column keeps its
    // new name.
    await mev.getByTestId('data.set.rename').click();
    await mev.getByTestId('data.set.name').fill('dijets');
    await mev.getByTestId('data.set.name').press('Enter');
    const dijets = card(page, 'dijets');
    await dijets.getByTestId('data.set.label-column').selectOption('process');
    await expect(dijets.locator('tr[data-class]')).toHaveCount(3);
    await expect(dijets.getByTestId('data.set.classes')).toContainText('tHq');
    await page.screenshot({
      path: path.join(screenshots, 'data-options-wasm.png'),
      fullPage: true,
    });
    await page.getByTestId('data.clear').click();
  });
});
