/**
 * The web app in a real browser (Debian's chromium through playwright-core) against the real
 * server: FR/EN switch, first-administrator set-up, sign-in, public verification of signed and
 * tampered PDFs, WCAG 2.1 A/AA with axe-core on every page, no horizontal overflow on a phone.
 * Screenshots land in .tmp/e2e-screenshots (printed), for people to look at.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.js';
import { fr, type MessageKey } from '../../src/i18n/fr.js';
import { axeViolations } from './support/axe.js';
import { ChromiumMissingError, launchChromium, type Chromium } from './support/chromium.js';
import { startPlatform, type Platform } from './support/platform.js';
import { SIGNER_NAME, samplePdfs, type SamplePdfs } from './support/sample-pdfs.js';
import { visibleTexts } from './support/visible-text.js';
import { ensureWebBuilt } from './support/web-build.js';

const SHOTS = process.env.PARAPHE_SCREENSHOTS_DIR ?? fileURLToPath(new URL('../../../../.tmp/e2e-screenshots/', import.meta.url));
const ADMIN = { organisation: 'Ville de Saint-Exemple', name: 'Marie Gagnon', email: 'greffe@saint-exemple.test', password: 'correct horse battery staple' };

let browser: Chromium;
let platform: Platform;
let page: Page;
let pdfs: SamplePdfs;
let files: { signed: string; tampered: string; notPdf: string };

beforeAll(async () => {
  await ensureWebBuilt();
  platform = await startPlatform();
  browser = await launchChromium();
  page = await browser.context.newPage();
  pdfs = await samplePdfs(platform.server);
  const dir = join(tmpdir(), `paraphe-e2e-pdfs-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  files = { signed: join(dir, 'reglement-signe.pdf'), tampered: join(dir, 'reglement-modifie.pdf'), notPdf: join(dir, 'notes.pdf') };
  writeFileSync(files.signed, pdfs.signed);
  writeFileSync(files.tampered, pdfs.tampered);
  writeFileSync(files.notPdf, pdfs.notPdf);
  mkdirSync(SHOTS, { recursive: true });
  console.log(`screenshots: ${SHOTS}`);
});

afterAll(async () => {
  await browser?.close();
  await platform?.close();
});

async function open(path: string): Promise<void> {
  await page.goto(`${platform.baseUrl}${path}`);
  await page.locator('h1').first().waitFor();
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

async function expectAccessible(what: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${what}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

async function setLang(lang: 'fr' | 'en'): Promise<void> {
  if ((await page.locator('html').getAttribute('lang')) === lang) return;
  await page.getByTestId('lang-switch').click();
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
}

/** Messages identical in both languages, as patterns with their placeholders filled by anything. */
const SHARED = (Object.keys(fr) as MessageKey[])
  .filter((k) => fr[k] === en[k])
  .map((k) => new RegExp(`^${fr[k].replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '.+')}$`));

describe('browser harness', () => {
  it('fails with a clear message when chromium is missing', async () => {
    const launching = launchChromium({ executablePath: '/nonexistent/chromium' });
    await expect(launching).rejects.toBeInstanceOf(ChromiumMissingError);
    await expect(launching).rejects.toThrow(/apt-get install -y chromium/);
  });
});

describe('layout and language', () => {
  it('is in French by default, with the product name, a language switch and the sign-in state in the header', async () => {
    await open('/');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    const header = page.locator('header');
    await expect.poll(() => header.innerText()).toContain(fr['app.name']);
    expect(await page.getByTestId('lang-switch').innerText()).toContain('English');
    expect(await page.getByTestId('header-sign-in').innerText()).toBe(fr['nav.signIn']);
    expect(await page.locator('h1').innerText()).toBe(fr['home.title']);
    expect(await page.locator('header, nav, main, footer').count()).toBe(4);
    await expectAccessible('home');
    await shot('home-fr');
  });

  it.each(['/', '/login', '/verify', 'SETUP', '/no-such-page'])('switching language changes every visible string (%s)', async (which) => {
    await open(which === 'SETUP' ? platform.setupPath : which);
    await setLang('fr');
    const french = await visibleTexts(page);
    await setLang('en');
    const english = new Set(await visibleTexts(page));
    const unchanged = french.filter((text) => english.has(text) && !SHARED.some((re) => re.test(text)));
    expect(unchanged).toEqual([]);
    expect(await page.title()).not.toBe('');
    await expectAccessible(`${which} (en)`);
    await shot(`page${which === '/' ? '-home' : which.replace(/\//g, '-').toLowerCase()}-en`);
    await setLang('fr');
  });

  it('remembers the chosen language on the next visit', async () => {
    await open('/');
    await setLang('en');
    await open('/verify');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('h1').innerText()).toBe(en['verify.title']);
    await setLang('fr');
  });

  it('is usable from the keyboard: the first Tab reaches the skip link, which leads to the content', async () => {
    const fresh = await browser.context.newPage();
    try {
      await fresh.goto(`${platform.baseUrl}/`);
      await fresh.locator('h1').waitFor();
      await fresh.keyboard.press('Tab');
      const focused = await fresh.evaluate(() => ({ text: document.activeElement?.textContent, outline: getComputedStyle(document.activeElement!).outlineStyle }));
      expect(focused).toEqual({ text: fr['app.skipToContent'], outline: 'solid' });
      await fresh.keyboard.press('Enter');
      expect(await fresh.evaluate(() => document.activeElement?.id)).toBe('main');
    } finally {
      await fresh.close();
    }
  });
});

describe('public verification page', () => {
  async function verify(file: string): Promise<void> {
    await open('/verify');
    await page.getByTestId('file-input').setInputFiles(file);
    await page.locator('[data-testid="report"], [data-testid="verify-error"]').first().waitFor();
  }

  it('a PDF signed with a certificate of the platform shows the signer and "valid", in French and in English', async () => {
    await verify(files.signed);
    const report = page.getByTestId('report');
    expect(await report.getAttribute('data-indication')).toBe('TOTAL_PASSED');
    const text = await report.innerText();
    expect(text).toContain(fr['report.verdict.TOTAL_PASSED']);
    expect(text).toContain(fr['report.summary.TOTAL_PASSED']);
    expect(text).toContain(SIGNER_NAME);
    expect(text).toContain(fr['report.intact']);
    expect(text).toContain(fr['report.trusted']);
    expect(text).toContain(fr['report.level.B-B']);
    await page.locator('details.json summary').click();
    const json = JSON.parse(await page.getByTestId('report-json').innerText()) as { indication: string; signatures: { signer: { subject: string } }[] };
    expect(json.indication).toBe('TOTAL_PASSED');
    expect(json.signatures[0]?.signer.subject).toContain(`CN=${SIGNER_NAME}`);
    await expectAccessible('verification report (valid)');
    await shot('verify-valid-fr');
    await setLang('en');
    const english = await report.innerText();
    expect(english).toContain(en['report.verdict.TOTAL_PASSED']);
    expect(english).toContain(en['report.summary.TOTAL_PASSED']);
    expect(english).toContain(SIGNER_NAME);
    await shot('verify-valid-en');
    await setLang('fr');
  });

  it('a PDF changed after signing shows "invalid" and why', async () => {
    await verify(files.tampered);
    const report = page.getByTestId('report');
    expect(await report.getAttribute('data-indication')).toBe('TOTAL_FAILED');
    const text = await report.innerText();
    expect(text).toContain(fr['report.verdict.TOTAL_FAILED']);
    expect(text).toContain(fr['sub.HASH_FAILURE']);
    expect(text).toContain(fr['report.notIntact']);
    expect(await page.getByTestId('reasons').locator('li').count()).toBeGreaterThan(0);
    await expectAccessible('verification report (tampered)');
    await shot('verify-tampered-fr');
  });

  it('a file that is not a PDF gets a plain explanation', async () => {
    await verify(files.notPdf);
    expect(await page.getByTestId('verify-error').innerText()).toBe(fr['verify.error.unreadable']);
    await expectAccessible('verification error');
  });
});

describe('first administrator and sign-in', () => {
  it('the one-time set-up link creates the organisation and signs the administrator in', async () => {
    await open(platform.setupPath);
    await expectAccessible('setup');
    await shot('setup-fr');
    await page.getByLabel(fr['setup.organisationName']).fill(ADMIN.organisation);
    await page.getByLabel(fr['setup.adminName']).fill(ADMIN.name);
    await page.getByLabel(fr['setup.adminEmail']).fill(ADMIN.email);
    await page.getByLabel(fr['setup.password'], { exact: true }).fill(ADMIN.password);
    await page.getByLabel(fr['setup.passwordConfirm']).fill(ADMIN.password);
    await page.getByRole('button', { name: fr['setup.submit'] }).click();
    await page.getByTestId('signed-in-as').waitFor();
    expect(await page.getByTestId('signed-in-as').innerText()).toBe(`Connecté : ${ADMIN.name}`);
    expect(await page.locator('h1').innerText()).toBe(`Bonjour ${ADMIN.name}`);
    expect(new URL(page.url()).pathname).toBe('/');
    await expectAccessible('home (signed in)');
    await shot('home-signed-in-fr');
  });

  it('the same link does not work twice', async () => {
    await page.getByRole('button', { name: fr['session.signOut'] }).click();
    await page.getByTestId('header-sign-in').waitFor();
    await open(platform.setupPath);
    await page.getByLabel(fr['setup.organisationName']).fill('Autre ville');
    await page.getByLabel(fr['setup.adminName']).fill('Intrus');
    await page.getByLabel(fr['setup.adminEmail']).fill('intrus@example.test');
    await page.getByLabel(fr['setup.password'], { exact: true }).fill(ADMIN.password);
    await page.getByLabel(fr['setup.passwordConfirm']).fill(ADMIN.password);
    await page.getByRole('button', { name: fr['setup.submit'] }).click();
    expect(await page.getByTestId('setup-error').innerText()).toBe(fr['setup.tokenInvalid']);
  });

  it('a wrong password is refused with a message; the right one signs in; the session survives a reload', async () => {
    await open('/login');
    await page.getByLabel(fr['signIn.email']).fill(ADMIN.email);
    await page.getByLabel(fr['signIn.password']).fill('not the password');
    await page.getByRole('button', { name: fr['signIn.submit'] }).click();
    expect(await page.getByTestId('sign-in-error').innerText()).toBe(fr['signIn.failed']);
    await expectAccessible('sign-in with error');
    await shot('sign-in-error-fr');
    await page.getByLabel(fr['signIn.password']).fill(ADMIN.password);
    await page.getByRole('button', { name: fr['signIn.submit'] }).click();
    await page.getByTestId('signed-in-as').waitFor();
    await page.reload();
    await page.getByTestId('signed-in-as').waitFor();
    expect(await page.getByTestId('signed-in-as').innerText()).toBe(`Connecté : ${ADMIN.name}`);
  });

  it('a signed-in person can still verify documents (the upload carries the CSRF token)', async () => {
    await open('/verify');
    await page.getByTestId('file-input').setInputFiles(files.signed);
    await page.getByTestId('report').waitFor();
    expect(await page.getByTestId('report').getAttribute('data-indication')).toBe('TOTAL_PASSED');
  });
});

describe('phone (360 × 740)', () => {
  it.each(['/', '/login', '/verify', '/verify#tampered', 'SETUP'])('%s has no horizontal overflow', async (which) => {
    await page.setViewportSize({ width: 360, height: 740 });
    try {
      if (which === '/verify#tampered') {
        await open('/verify');
        await page.getByTestId('file-input').setInputFiles(files.tampered);
        await page.getByTestId('report').waitFor();
        await page.locator('details.json summary').click();
      } else {
        await open(which === 'SETUP' ? platform.setupPath : which);
      }
      const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
      expect(widths.scroll).toBeLessThanOrEqual(widths.viewport);
      await expectAccessible(`${which} on a phone`);
      await shot(`phone${which === '/' ? '-home' : which.replace(/[/#]/g, '-').toLowerCase()}`);
    } finally {
      await page.setViewportSize({ width: 1280, height: 860 });
    }
  });
});
