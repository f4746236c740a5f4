// audit.mjs runs axe-core and Lighthouse over pages of a site that is
// already being served, and prints what they found as one JSON object on
// stdout. It judges nothing: the Go test that starts it (cmd/sitegen,
// TestAudit) holds the thresholds and says what failed.
//
// Input, one JSON object on stdin:
//   {"base": "http://127.0.0.1:PORT", "chromium": "/usr/bin/chromium",
//    "axe": [{"path": "/", "width": 360, "scheme": "dark"}, ...],
//    "lighthouse": ["/", "/graph/"], "runs": 3, "shots": "DIR or empty"}
// Output:
//   {"axe": [{"path", "width", "scheme", "violations": [{id, impact, help, nodes: [{target, html, summary}]}]}],
//    "lighthouse": [{"path", "runs": [{"scores": {category: 0..100}, "cls": layout shift,
//                                      "failing": [{id, title, score, value, categories}]}]}]}
//
// "runs" is how many times at most Lighthouse loads a page: it stops at
// the first run whose performance reaches 95, since a loaded machine
// slows a run down at random (Lighthouse's own advice is a median of 5).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import puppeteer from "puppeteer-core";
import lighthouse from "lighthouse";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const job = JSON.parse(readFileSync(0, "utf8"));

const browser = await puppeteer.launch({
  executablePath: job.chromium || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-extensions"],
});
const out = { axe: [], lighthouse: [] };
try {
  const page = await browser.newPage();
  for (const a of job.axe || []) {
    const phone = a.width < 600;
    await page.setViewport({ width: a.width, height: phone ? 740 : 800, isMobile: phone, hasTouch: phone, deviceScaleFactor: 1 });
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: a.scheme }]);
    await page.goto(job.base + a.path, { waitUntil: "networkidle0" });
    await settle(page);
    if (job.shots) {
      const name = (a.path.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "home") + `-${a.width}-${a.scheme}.png`;
      await page.screenshot({ path: job.shots + "/" + name, fullPage: true });
    }
    await page.evaluate(axeSource); // DevTools evaluation is not subject to the page's CSP
    const res = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ["violations"] });
      return r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(" "), html: n.html.slice(0, 200), summary: n.failureSummary })),
        count: v.nodes.length,
      }));
    });
    out.axe.push({ ...a, violations: res });
  }
  await page.close();

  for (const path of job.lighthouse || []) {
    const entry = { path, runs: [] };
    for (let i = 0; i < (job.runs || 1); i++) {
      const tab = await browser.newPage();
      const r = await lighthouse(job.base + path, {
        logLevel: "error", output: "json",
        onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
      }, undefined, tab);
      await tab.close();
      const lhr = r.lhr;
      const scores = {};
      for (const [id, c] of Object.entries(lhr.categories)) scores[id] = Math.round((c.score ?? 0) * 100);
      const scored = {}; // audit id → the categories it counts in
      for (const [cat, c] of Object.entries(lhr.categories)) {
        for (const ref of c.auditRefs) if (ref.weight > 0) (scored[ref.id] = scored[ref.id] || []).push(cat);
      }
      const failing = [];
      for (const [id, au] of Object.entries(lhr.audits)) {
        if (scored[id] && au.score !== null && au.score < 1 && au.scoreDisplayMode !== "informative" && au.scoreDisplayMode !== "notApplicable") {
          failing.push({ id, title: au.title, score: au.score, value: au.displayValue || "", categories: scored[id] });
        }
      }
      if (lhr.runtimeError) failing.push({ id: "runtime-error", title: lhr.runtimeError.message, score: 0, value: lhr.runtimeError.code });
      const cls = lhr.audits["cumulative-layout-shift"];
      entry.runs.push({ scores, failing, cls: cls ? cls.numericValue : -1 });
      if (scores.performance >= 95) break;
    }
    out.lighthouse.push(entry);
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out) + "\n");

// settle waits for what the theme's scripts add after load: the graph's
// controls, the search page's results, so that axe sees the page a
// reader sees.
async function settle(page) {
  await page.waitForFunction(() => {
    const g = document.querySelector("figure.graph");
    if (g && !g.classList.contains("is-interactive")) return false;
    const s = document.querySelector(".search-page-status");
    if (s && new URLSearchParams(location.search).get("q") && s.textContent.startsWith("Searching")) return false;
    return document.readyState === "complete";
  }, { timeout: 10000 });
}
