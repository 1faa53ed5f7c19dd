// The sandbox page in a real browser (Debian's Chromium driven by playwright-core): a person runs an interview
// from the composer, rates with buttons, adds a note in a modal, switches user and sees the summary.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STANDARD_BANK } from '../src/questions/standard.js';
import { startSandbox, type Sandbox } from '../src/sandbox/server.js';
import { memoryLogger } from './support/testApp.js';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(process.cwd(), 'test-artifacts');
// CI installs Chromium (.ci/run); elsewhere the test says why it did not run instead of failing on a missing browser.
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser && process.env.CI) throw new Error(`CI must provide Chromium at ${CHROMIUM} (see .ci/run)`);

let sandbox: Sandbox;
let browser: Browser;
let page: Page;
let dir: string;

beforeAll(async () => {
  if (!haveBrowser) return;
  dir = mkdtempSync(join(tmpdir(), 'vet-browser-'));
  mkdirSync(ARTIFACTS, { recursive: true });
  sandbox = await startSandbox({ port: 0, databasePath: join(dir, 'vet.sqlite'), bank: STANDARD_BANK, clock: () => new Date(), logger: memoryLogger() });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('dialog', (d) => void d.dismiss());
  await page.goto(sandbox.url);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The newest question message in the open thread (the one with rating or fact controls). */
const latestQuestion = () =>
  page
    .locator('#thread .message')
    .filter({ has: page.locator('[data-action-id^="vet.skip"]') })
    .last();

async function answerCurrent(): Promise<void> {
  const q = latestQuestion();
  const ts = await q.getAttribute('data-ts');
  const rate = q.locator('[data-action-id="vet.rate.2"]');
  if ((await rate.count()) > 0) await rate.click();
  else if ((await q.locator('[data-action-id="vet.fact.bool.yes"]').count()) > 0) await q.locator('[data-action-id="vet.fact.bool.yes"]').click();
  else await q.locator('[data-action-id="vet.skip"]').click();
  // The next question arrives without a reload.
  await expect.poll(async () => latestQuestion().getAttribute('data-ts'), { timeout: 10_000 }).not.toBe(ts);
}

describe.skipIf(!haveBrowser)('the sandbox in a browser', () => {
  it('runs an interview from the composer to the summary, with a modal, a user switch and live updates', async () => {
    await page.locator('#user-switcher').selectOption('U0ALEX');
    await page.locator('[data-channel-id="C0VENDORS"]').click();
    await page.locator('#composer').fill('/vet start Acme Dev --lite --with @sam');
    await page.locator('#send').click();

    const parent = page.locator('#messages .message, .message').filter({ hasText: 'Vetting: Acme Dev' }).first();
    await parent.waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'sandbox-channel.png') });
    await parent.locator('[data-open-thread]').click();
    await latestQuestion().waitFor({ timeout: 10_000 });
    await expect.poll(() => latestQuestion().textContent()).toContain('1 of');
    const firstTs = await latestQuestion().getAttribute('data-ts');

    // Three answers with buttons.
    for (let i = 0; i < 3; i++) await answerCurrent();
    await page.screenshot({ path: join(ARTIFACTS, 'sandbox-thread.png') });

    // A note through the modal; the question message updates in place.
    const q = latestQuestion();
    const ts = await q.getAttribute('data-ts');
    await q.locator('[data-action-id="vet.note"]').click();
    const modal = page.locator('#modal');
    await modal.waitFor({ state: 'visible', timeout: 10_000 });
    await modal.locator('[data-action-id="note"]').fill('They showed the review threads of PR 42, 57 and 61');
    await page.screenshot({ path: join(ARTIFACTS, 'sandbox-modal.png') });
    await page.locator('#modal-submit').click();
    await modal.waitFor({ state: 'hidden', timeout: 10_000 });
    await expect.poll(() => page.locator(`#thread [data-ts="${ts}"]`).textContent(), { timeout: 10_000 }).toContain('Notes (1)');

    // Another evaluator rates the first question; its message shows both ratings.
    await page.locator('#user-switcher').selectOption('U0SAM');
    await page.locator(`#thread [data-ts="${firstTs}"] [data-action-id="vet.rate.3"]`).click();
    await expect.poll(() => page.locator(`#thread [data-ts="${firstTs}"]`).textContent(), { timeout: 10_000 }).toMatch(/Alex Kim.*Sam Patel/s);

    await page.locator('#composer').fill('/vet finish acme dev');
    await page.locator('#send').click();
    await page.locator('.message').filter({ hasText: 'Vetting summary: Acme Dev' }).first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'sandbox-summary.png'), fullPage: true });
  }, 90_000);

  it('runs the vendor exchange: Vera of Acme answers in #acme-shared, the evaluator sees it in their thread and asks back', async () => {
    await page.locator('#user-switcher').selectOption('U0ALEX');
    await page.locator('[data-channel-id="C0VENDORS"]').click();
    await page.locator('#composer').fill('/vet start Acme Shared --lite --vendor-channel #acme-shared');
    await page.locator('#send').click();
    const parent = page.locator('.message').filter({ hasText: 'Vetting: Acme Shared' }).first();
    await parent.waitFor({ timeout: 10_000 });

    // As Vera: only the shared channel, the questions one at a time in its thread, nothing of the evaluation.
    await page.locator('#user-switcher').selectOption('U0VERA');
    // The sidebar is redrawn once the state fetched for Vera arrives: until then it still shows Alex's channels.
    await expect.poll(() => page.locator('[data-channel-id="C0VENDORS"]').count(), { timeout: 10_000 }).toBe(0);
    await page.locator('[data-channel-id="C0ACMESHARED"]').click();
    const vendorParent = page.locator('.message').filter({ hasText: 'is asking Acme Shared these questions' }).first();
    await vendorParent.waitFor({ timeout: 10_000 });
    await vendorParent.locator('[data-open-thread]').click();
    const vendorQuestion = () =>
      page
        .locator('#thread .message')
        .filter({ has: page.locator('[data-action-id="vet.vendor.later"]') })
        .last();
    await vendorQuestion().waitFor({ timeout: 10_000 });
    expect(await vendorQuestion().textContent()).toContain('Q1 ·');
    expect(await page.locator('#thread [data-action-id^="vet.rate"]').count()).toBe(0);
    await page.locator('#thread-composer').fill('Every pull request needs two approvals in GitHub; see https://acme.example/reviews');
    await page.locator('#thread-send').click();
    // Answered: the second question comes.
    await expect.poll(() => vendorQuestion().textContent(), { timeout: 10_000 }).toContain('Q2 ·');
    await vendorQuestion().locator('[data-action-id="vet.vendor.later"]').click();
    await expect.poll(() => vendorQuestion().textContent(), { timeout: 10_000 }).toContain('Q3 ·');
    await page.screenshot({ path: join(ARTIFACTS, 'sandbox-vendor-thread.png') });

    // As the evaluator: the answer in our thread, with the link by its address; then asking the vendor back.
    await page.locator('#user-switcher').selectOption('U0ALEX');
    await page.locator('[data-channel-id="C0VENDORS"]').click();
    await page.locator('.message').filter({ hasText: 'Vetting: Acme Shared' }).first().locator('[data-open-thread]').click();
    const mirror = page.locator('#thread .message').filter({ hasText: 'Every pull request needs two approvals' }).first();
    await mirror.waitFor({ timeout: 10_000 });
    expect(await mirror.textContent()).toContain('Acme Shared answered in');
    expect(await mirror.textContent()).toContain('https://acme.example/reviews');
    await latestQuestion().locator('[data-action-id="vet.vendor.ask"]').click();
    const modal = page.locator('#modal');
    await modal.waitFor({ state: 'visible', timeout: 10_000 });
    await modal.locator('[data-action-id="ask"]').fill('Which branch protection rules enforce the two approvals?');
    await page.locator('#modal-submit').click();
    await modal.waitFor({ state: 'hidden', timeout: 10_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'sandbox-vendor-ours.png') });

    // Vera sees the question asked back, and no evaluator's name.
    await page.locator('#user-switcher').selectOption('U0VERA');
    await page.locator('[data-channel-id="C0ACMESHARED"]').click();
    await page.locator('.message').filter({ hasText: 'is asking Acme Shared these questions' }).first().locator('[data-open-thread]').click();
    const asked = page.locator('#thread .message').filter({ hasText: 'Which branch protection rules enforce the two approvals?' }).first();
    await asked.waitFor({ timeout: 10_000 });
    expect(await page.locator('#thread').textContent()).not.toContain('Alex Kim');
    // Back to our own side, where the other tests begin.
    await page.locator('#user-switcher').selectOption('U0ALEX');
  }, 90_000);

  it('shows hostile text typed into the composer as text, never as markup', async () => {
    const hostile = '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2"> <!channel> & co';
    await page.locator('#user-switcher').selectOption('U0ALEX');
    await page.locator('[data-channel-id="C0VENDORS"]').click();
    await page.locator('#composer').fill(hostile);
    await page.locator('#send').click();
    const shown = page.locator('.message').filter({ hasText: '<script>window.pwned = 1</script>' });
    await shown.first().waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => (globalThis as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('.message img[src="x"]').count()).toBe(0);
    expect(await shown.first().textContent()).toContain('<!channel> & co');

    // And a vendor name through the bot: escaped by the bot, shown as typed.
    await page.locator('#composer').fill('/vet start <img src=x onerror="window.pwned=3"> Corp --lite');
    await page.locator('#send').click();
    await page.locator('.message').filter({ hasText: 'Vetting: <img src=x onerror="window.pwned=3"> Corp' }).first().waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => (globalThis as unknown as { pwned?: number }).pwned)).toBeUndefined();
  }, 60_000);

  it('shares a file into an interview thread through the composer, shown as a file message with a download', async () => {
    await page.locator('#user-switcher').selectOption('U0ALEX');
    await page.locator('[data-channel-id="C0VENDORS"]').click();
    await page.locator('#composer').fill('/vet start Filebase --lite --with @sam');
    await page.locator('#send').click();
    const parent = page.locator('.message').filter({ hasText: 'Vetting: Filebase' }).first();
    await parent.waitFor({ timeout: 10_000 });
    await parent.locator('[data-open-thread]').click();
    await latestQuestion().waitFor({ timeout: 10_000 });

    // Sam picks a file (its name is hostile markup), adds a comment and sends.
    await page.locator('#user-switcher').selectOption('U0SAM');
    const name = '<img src=x onerror="window.pwned=4">pentest.pdf';
    const pdf = Buffer.from('%PDF-1.7 findings: none critical');
    await page.locator('#thread-composer-file').setInputFiles({ name, mimeType: 'application/pdf', buffer: pdf });
    await expect.poll(() => page.locator('#thread-composer-attachment').textContent()).toContain(name);
    await page.locator('#thread-composer').fill('Pen test summary for Q3');
    await page.screenshot({ path: join(ARTIFACTS, 'sandbox-file-picked.png') });
    await page.locator('#thread-send').click();

    const shared = page
      .locator('#thread .message')
      .filter({ has: page.locator('.file') })
      .last();
    await shared.waitFor({ timeout: 10_000 });
    expect(await shared.locator('.file-name').textContent()).toBe(name);
    expect(await shared.locator('.file-meta').textContent()).toBe(`PDF · ${pdf.length} B`);
    expect(await shared.locator('.msg-body').textContent()).toContain('Pen test summary for Q3');
    expect(await shared.locator('.author').textContent()).toBe('Sam Patel (Security)');
    expect(await page.locator('#thread-composer-attachment').isHidden()).toBe(true);
    expect(await page.evaluate(() => (globalThis as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('.message img[src="x"]').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'sandbox-file-shared.png') });

    // The app got the file_share event: the comment is a note on the current question, and the file is attached to
    // that question as evidence, with the file's name and the two buttons under it.
    await expect.poll(() => latestQuestion().textContent(), { timeout: 10_000 }).toContain('Notes (1)');
    const receipt = page.locator('#thread .message').filter({ hasText: 'A file shared by' }).last();
    await receipt.waitFor({ timeout: 10_000 });
    expect(await receipt.textContent()).toContain('pentest.pdf');
    expect(await receipt.locator('[data-action-id="vet.evitem.accept"]').count()).toBe(1);
    expect(await receipt.locator('[data-action-id="vet.evitem.reject"]').count()).toBe(1);
    // The emoji codes the bot uses show as emoji (kept in the title), never as :shortcode: text.
    expect(await page.locator('#thread .emoji[title=":paperclip:"], #thread .emoji[title=":inbox_tray:"], #thread .emoji[title=":page_facing_up:"]').count()).toBeGreaterThan(0);
    expect(await page.locator('#thread').textContent()).not.toMatch(/:[a-z_]+:/);
    // Alex, who leads, accepts it: the receipt says so and its buttons are gone.
    await page.locator('#user-switcher').selectOption('U0ALEX');
    await receipt.locator('[data-action-id="vet.evitem.accept"]').click();
    await expect.poll(() => receipt.textContent(), { timeout: 10_000 }).toContain('Accepted as evidence');
    expect(await receipt.locator('[data-action-id="vet.evitem.accept"]').count()).toBe(0);
    expect(await receipt.textContent()).not.toContain('already shown');
    await page.screenshot({ path: join(ARTIFACTS, 'sandbox-file-accepted.png') });
    await page.locator('#user-switcher').selectOption('U0SAM');

    // The link downloads the very bytes.
    const [download] = await Promise.all([page.waitForEvent('download'), shared.locator('.file-download').click()]);
    expect(download.suggestedFilename()).toBe(name.replace(/[<>"/]/g, '_'));
    expect(readFileSync((await download.path())!).equals(pdf)).toBe(true);

    // A file shared with no comment shows only the file; an empty one is refused before it leaves the page.
    await page.locator('#thread-composer-file').setInputFiles({ name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) });
    await expect.poll(() => page.locator('#error-banner').textContent()).toContain('"empty.txt" is empty');
    await page.locator('#thread-composer-file').setInputFiles({ name: 'ci-log.txt', mimeType: 'text/plain', buffer: Buffer.from('all green') });
    await page.locator('#thread-composer').press('Enter');
    const bare = page.locator('#thread .message').filter({ has: page.locator('.file-name', { hasText: 'ci-log.txt' }) });
    await bare.waitFor({ timeout: 10_000 });
    expect(await bare.locator('.msg-body').count()).toBe(0);
  }, 60_000);

  it('shows a report /vet report uploads as a file message in the channel', async () => {
    await page.locator('#user-switcher').selectOption('U0ALEX');
    await page.locator('[data-channel-id="C0VENDORS"]').click();
    await page.locator('#composer').fill('/vet start Reportly --lite');
    await page.locator('#send').click();
    await page.locator('.message').filter({ hasText: 'Vetting: Reportly' }).first().waitFor({ timeout: 10_000 });
    await page.locator('#composer').fill('/vet finish reportly');
    await page.locator('#send').click();
    await page.locator('.message').filter({ hasText: 'Vetting summary: Reportly' }).first().waitFor({ timeout: 10_000 });
    await page.locator('#composer').fill('/vet report reportly');
    await page.locator('#send').click();

    const report = page.locator('#messages .message').filter({ has: page.locator('.file-name', { hasText: 'Reportly: vetting report' }) });
    await report.waitFor({ timeout: 10_000 });
    expect(await report.locator('.msg-body').textContent()).toContain('@Alex Kim (CTO) asked for the report of Reportly.');
    expect(await report.locator('.file-meta').textContent()).toMatch(/^vet-reportly-\d{4}-\d{2}-\d{2}\.md · Markdown \(raw\) · [\d.]+ kB$/);
    expect(await report.locator('.author').textContent()).toBe('vet');
    await page.screenshot({ path: join(ARTIFACTS, 'sandbox-report-file.png') });
    const [download] = await Promise.all([page.waitForEvent('download'), report.locator('.file-download').click()]);
    expect(readFileSync((await download.path())!, 'utf8')).toMatch(/^# Vendor vetting report: Reportly\n/);
  }, 60_000);

  it('shows ephemeral answers only to the person who typed the command', async () => {
    await page.locator('#user-switcher').selectOption('U0OLLY');
    await page.locator('#composer').fill('/vet frobnicate');
    await page.locator('#send').click();
    const ephemeral = page.locator('.message.ephemeral').filter({ hasText: "I don't know" });
    await ephemeral.first().waitFor({ timeout: 10_000 });
    expect(await ephemeral.first().textContent()).toContain('Only visible to you');
    await page.locator('#user-switcher').selectOption('U0ALEX');
    await expect.poll(() => page.locator('.message.ephemeral').filter({ hasText: "I don't know" }).count()).toBe(0);
  }, 60_000);

  it('shows a vendor name with *, _, ~ and backticks in one clean bold, and each message at the time it was posted', async () => {
    await page.locator('#user-switcher').selectOption('U0ALEX');
    await page.locator('[data-channel-id="C0VENDORS"]').click();
    const before = Date.now();
    await page.locator('#composer').fill('/vet start *Bold* _it_ ~x~ `code` --lite');
    await page.locator('#send').click();
    const parent = page.locator('.message').filter({ hasText: 'Vetting: *Bold* _it_ ~x~ `code`' }).first();
    await parent.waitFor({ timeout: 10_000 });
    // The name is bold, with its markers' look-alikes: none of them formats anything.
    const started = parent.locator('.line').filter({ hasText: 'started a lite interview of' }).first();
    expect(await started.locator('strong').allTextContents()).toContain('∗Bold∗ ˍitˍ ∼x∼ ˋcodeˋ');
    expect(await started.locator('strong :is(em, s, code)').count()).toBe(0);
    // Its time is when it was posted, not when the sandbox started.
    const posted = Date.parse((await parent.locator('time.msg-time').first().getAttribute('datetime'))!);
    expect(posted).toBeGreaterThanOrEqual(before - 1000);
    expect(posted).toBeLessThanOrEqual(Date.now() + 1000);
  }, 60_000);

  it('shows a name typed with mrkdwn as clean bold text, with no stray asterisks, in the start message, /vet list and the finish confirmation', async () => {
    const NAME = '*<!channel>* _x_ <https://evil|click>';
    const BOLD = '∗<!channel>∗ ˍxˍ <https://evil|click>';
    await page.locator('#user-switcher').selectOption('U0ALEX');
    await page.locator('[data-channel-id="C0VENDORS"]').click();
    const send = async (text: string) => {
      await page.locator('#composer').fill(text);
      await page.locator('#send').click();
    };
    /** The line of the newest message saying `words`, once it shows. */
    const lineOf = async (words: string) => {
      const line = page.locator('#messages .line').filter({ hasText: words }).last();
      await line.waitFor({ timeout: 10_000 });
      return line;
    };
    await send(`/vet start ${NAME} --lite`);
    await send('/vet list');
    await lineOf(`${BOLD} · model not set`);
    await send(`/vet finish ${NAME}`);
    const lines = [await lineOf('started a lite interview of ∗<!channel>∗'), await lineOf(`${BOLD} · model not set`), await lineOf(`Finished the interview of ${BOLD};`)];
    await page.screenshot({ path: join(ARTIFACTS, 'sandbox-bold-names.png') });
    for (const line of lines) {
      expect(await line.locator('strong').allTextContents()).toContain(BOLD);
      expect(await line.textContent()).not.toContain('*');
      expect(await line.locator('.broadcast, a.link, strong *').count()).toBe(0);
    }
  }, 60_000);

  it('confirms a rating to the clicker alone, and shows the summary list of medium flags across the message at 1024 and 1400 px', async () => {
    await page.locator('#user-switcher').selectOption('U0ALEX');
    await page.locator('[data-channel-id="C0VENDORS"]').click();
    await page.locator('#composer').fill('/vet start Squeezed Co --lite --with @sam');
    await page.locator('#send').click();
    const parent = page.locator('.message').filter({ hasText: 'Vetting: Squeezed Co' }).first();
    await parent.waitFor({ timeout: 10_000 });
    await parent.locator('[data-open-thread]').click();
    await latestQuestion().waitFor({ timeout: 10_000 });

    // Sam's rating is confirmed to Sam, in the thread, naming it; Alex does not see it.
    await page.locator('#user-switcher').selectOption('U0SAM');
    const first = latestQuestion();
    const label = await first.locator('[data-action-id="vet.rate.3"]').textContent();
    await first.locator('[data-action-id="vet.rate.3"]').click();
    const confirmation = page.locator('#thread .message.ephemeral').filter({ hasText: 'You rated' });
    await confirmation.waitFor({ timeout: 10_000 });
    expect(await confirmation.textContent()).toContain('Only visible to you');
    expect(await confirmation.locator('strong').allTextContents()).toContain(label);
    await confirmation.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'sandbox-rating-confirmed.png') });
    await page.locator('#user-switcher').selectOption('U0ALEX');
    await expect.poll(() => page.locator('#thread .message.ephemeral').filter({ hasText: 'You rated' }).count(), { timeout: 10_000 }).toBe(0);

    // The weakest ratings on the first questions raise medium flags.
    for (let i = 0; i < 6; i++) {
      const q = latestQuestion();
      const ts = await q.getAttribute('data-ts');
      const low = q.locator('[data-action-id="vet.rate.1"]');
      await ((await low.count()) > 0 ? low : q.locator('[data-action-id="vet.skip"]')).click();
      await expect.poll(async () => latestQuestion().getAttribute('data-ts'), { timeout: 10_000 }).not.toBe(ts);
    }
    await page.locator('#composer').fill('/vet finish squeezed co');
    await page.locator('#send').click();
    const summary = page.locator('#messages .message').filter({ hasText: 'Vetting summary: Squeezed Co' }).last();
    await summary.waitFor({ timeout: 10_000 });
    const list = summary.locator('.b-section').filter({ hasText: '(resolve or accept them from the full list)' });
    expect(await list.locator('.li').count()).toBeGreaterThan(0);
    for (const width of [1024, 1400]) {
      await page.setViewportSize({ width, height: 900 });
      await list.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(ARTIFACTS, `sandbox-summary-flags-${width}.png`) });
      const [listWidth, messageWidth] = await list.evaluate((el) => [el.querySelector('.mrkdwn')!.getBoundingClientRect().width, el.closest('.msg-body')!.getBoundingClientRect().width]);
      // Slack gives a section's text the message's width; the button is under it.
      expect(listWidth / messageWidth, `at ${width} px`).toBeGreaterThan(0.9);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  }, 90_000);

  it('clears a field error in the /vet advise modal once the answer is changed, and says again on submit what is still missing', async () => {
    await page.locator('#user-switcher').selectOption('U0ALEX');
    await page.locator('[data-channel-id="C0VENDORS"]').click();
    await page.locator('#composer').fill('/vet advise');
    await page.locator('#send').click();
    const modal = page.locator('#modal');
    await modal.waitFor({ state: 'visible', timeout: 10_000 });
    const red = () => modal.locator('.b-input.has-error').evaluateAll((els) => els.map((e) => e.getAttribute('data-block-id')));
    const needed: Record<string, string> = { core: 'core', size: 'programme', manager: 'engineering', time: 'plenty', sensitivity: 'moderate', regulated: 'no', 'risk-owner': 'shared' };
    const ids = Object.keys(needed).map((k) => `advise.${k}`);

    await page.locator('#modal-submit').click();
    await expect.poll(red, { timeout: 10_000 }).toEqual(ids);
    await page.screenshot({ path: join(ARTIFACTS, 'sandbox-advise-errors.png') });
    // Fixed: its error goes at once; the others stay until they are fixed or the form is sent again.
    await modal.locator('[data-block-id="advise.size"] input[value="programme"]').check();
    expect(await red()).toEqual(ids.filter((id) => id !== 'advise.size'));
    expect(await modal.locator('[data-block-id="advise.size"] .input-error').isHidden()).toBe(true);
    await page.locator('#modal-submit').click();
    await expect.poll(red, { timeout: 10_000 }).toEqual(ids.filter((id) => id !== 'advise.size'));
    for (const [k, v] of Object.entries(needed)) await modal.locator(`[data-block-id="advise.${k}"] input[value="${v}"]`).check();
    expect(await red()).toEqual([]);
    await page.locator('#modal-submit').click();
    await modal.waitFor({ state: 'hidden', timeout: 10_000 });
    await page.locator('.message').filter({ hasText: 'Recommended:' }).first().waitFor({ timeout: 10_000 });
  }, 60_000);

  it('shows every emoji code the bot uses as an emoji, in colour', async () => {
    // Every :code: in what the bot writes (src/slack), read from the sources rather than listed here.
    const codes = new Set<string>();
    for (const file of readdirSync('src/slack', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')))
      for (const m of readFileSync(join('src/slack', file), 'utf8').matchAll(/:([a-z][a-z0-9_+-]*):/g)) codes.add(m[1]!);
    expect(codes.size).toBeGreaterThanOrEqual(20);
    // Run in the page, which has a DOM (these tests' types do not): the page's own mrkdwn module renders the codes.
    const shown: { text: string; emoji: number; red: number; textFont: boolean } = await page.evaluate(`(async (all) => {
      const { mrkdwn } = await import('/mrkdwn.js');
      const el = mrkdwn(all.map((c) => ':' + c + ':').join(' '));
      document.body.append(el);
      // A colour-emoji font draws the red circle red; without one it is a black box.
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = 40;
      const ctx = canvas.getContext('2d');
      ctx.font = '32px ' + getComputedStyle(el.querySelector('.emoji')).fontFamily;
      ctx.fillText('🔴', 0, 32);
      const px = ctx.getImageData(0, 0, 40, 40).data;
      let red = 0;
      for (let i = 0; i < px.length; i += 4) if (px[i] > 180 && px[i + 1] < 90 && px[i + 2] < 90 && px[i + 3] > 200) red++;
      el.remove();
      // ...while text, its spaces and digits included, keeps the text font (an emoji font has those glyphs too).
      const stack = getComputedStyle(document.body).fontFamily;
      ctx.font = '16px ' + stack;
      const body = ctx.measureText('Interview #8 · 2026-12-07').width;
      ctx.font = '16px ' + stack.split(',').filter((f) => !/emoji/i.test(f)).join(',');
      const plain = ctx.measureText('Interview #8 · 2026-12-07').width;
      return { text: el.textContent, emoji: el.querySelectorAll('.emoji').length, red, textFont: body === plain };
    })(${JSON.stringify([...codes])})`);
    for (const code of codes) expect(shown.text, code).not.toContain(`:${code}:`);
    expect(shown.emoji).toBe(codes.size);
    expect(shown.red).toBeGreaterThan(50);
    expect(shown.textFont).toBe(true);
  }, 60_000);
});
