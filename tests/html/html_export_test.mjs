// adviz's exported HTML page in a real headless Chromium (Debian's), with real key presses sent
// through the browser: → shows the next step's picture and caption, End the last, Home the
// first, and the page fetched nothing from the network.
// Usage: node html_export_test.mjs PAGE.html
import puppeteer from 'puppeteer-core';

const page_ = process.argv[2];
const browser = await puppeteer.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu'],
});
let failed = 0;
const check = (ok, what) => { console.log((ok ? 'ok   ' : 'FAIL ') + what); if (!ok) failed++; };
try {
  const page = await browser.newPage();
  const requests = [];
  page.on('request', r => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
  await page.goto('file://' + page_);
  const visible = () => page.evaluate(() => {
    const shown = [...document.querySelectorAll('figure.frame')].filter(f => !f.hidden);
    return shown.map(f => ({ step: f.dataset.step, caption: f.querySelector('figcaption').textContent,
                             hasSvg: !!f.querySelector('svg') }));
  });
  const first = await visible();
  check(first.length === 1 && first[0].step === '0' && first[0].hasSvg, 'one frame shown at first, step 0, with its picture');
  await page.keyboard.press('ArrowRight');
  const second = await visible();
  check(second.length === 1 && second[0].step === '1', 'ArrowRight shows step 1');
  check(second[0].caption !== first[0].caption, 'the caption changed with the step');
  await page.keyboard.press('End');
  const last = await visible();
  const total = await page.evaluate(() => document.body.dataset.steps);
  check(last[0].step === total, 'End shows the last step (' + total + ')');
  await page.keyboard.press('PageUp');
  check((await visible())[0].step === String(Number(total) - 1), 'PageUp goes back one');
  await page.keyboard.press('Home');
  check((await visible())[0].step === '0', 'Home goes to the start');
  await page.click('#next');
  check((await visible())[0].step === '1', 'the ▶ button steps');
  check(requests.length === 0, 'nothing fetched from the network');
} finally {
  await browser.close();
}
console.log(failed === 0 ? 'html export: all checks passed' : failed + ' checks failed');
process.exit(failed === 0 ? 0 : 1);
