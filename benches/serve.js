// Edit → reloaded page, as a webmaster sees it (see benches/serve.sh): the practice page is open
// in headless Chromium; each run rewrites the practice's summary in its file and waits for the
// load event of the reloaded page showing the new text; also reported is when the reload began
// (the page's time origin).
// usage: node benches/serve.js SITE_URL PRACTICE_FILE RUNS LABEL
"use strict";
const path = require("node:path");
const fs = require("node:fs");
const { chromium } = require(path.join(__dirname, "../tests/browser/node_modules/playwright-core"));

const [url, file, runs, label] = process.argv.slice(2);
const original = fs.readFileSync(file, "utf8");
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.SPODELI_CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
  const page = await browser.newPage();
  const slug = path.basename(file).replace(/\.(bg|en)\.md$/, "");
  await page.goto(`${url}bg/practices/${slug}/`);
  await sleep(1000); // the event stream connects after load
  const times = [];
  const starts = [];
  try {
    for (let i = 0; i < Number(runs); i++) {
      const marker = `edit${Date.now()}x${i}`;
      const started = performance.now();
      const wall = Date.now();
      fs.writeFileSync(file, original.replace(/^summary: "/m, `summary: "${marker} `));
      // The time is taken at the load event of the reloaded page that shows the new text.
      for (;;) {
        await page.waitForEvent("load", { timeout: 30000 });
        const at = performance.now();
        if ((await page.content()).includes(marker)) {
          times.push(at - started);
          starts.push((await page.evaluate(() => performance.timeOrigin)) - wall);
          break;
        }
      }
      await sleep(Number(process.env.PAUSE || 1000));
    }
  } finally {
    fs.writeFileSync(file, original);
    await browser.close();
  }
  const line = (what, xs) =>
    `${label} entries: ${what} median ${median(xs).toFixed(0)} ms ` +
    `(min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)}) over ${xs.length} edits`;
  console.log(line("save → page starts reloading", starts));
  console.log(line("save → reloaded page loaded", times));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
