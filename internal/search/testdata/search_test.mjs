// Drives themes/default/static/search.js under node against index files
// on disk, for site/search's Go tests (js_test.go), which send the cases
// on stdin and check the answers:
//
//	{"chars": [text…], "tokenize": [text…], "queryTokens": [query…], "queryTerms": [query…],
//	 "marks": [[text, [token…]]…], "distance": [[query, word, limit]…],
//	 "snippets": [[{h, x}, [token…]]…], "queries": [query…], "shown": [query…]}
//
// It prints {"chars": [[[word, script, folded]…]…], "tokenize": [[token, derived]…]…, "queryTokens": […],
// "queryTerms": [[[tok, [atom…]]…]…], "marks": […], "distance": [[whole, prefix]…],
// "snippets": [{section, text, marked: [text…]} or null…],
// "results": {query: [url…]}, "shown": {query: [{url, field, text, marked}…]},
// "ms": {"ready": …, "first": …}}; "shown" is what the first 8 results
// show under their title (see why in search.js) and the marked words.
// By hand, with queries as arguments, it prints the ranked results:
//
//	node site/search/testdata/search_test.mjs themes/default/static/search.js public/search sgsi devs
import { readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";

const [script, dir, ...queries] = process.argv.slice(2);
const context = { URL, Map, Set, Promise, console };
context.globalThis = context;
vm.runInNewContext(readFileSync(script, "utf8"), context, { filename: script });
const api = context.sitegenSearch;

// Files are read from dir, as fetch would get them from /search/.
const fetchJSON = async (url) => JSON.parse(readFileSync(join(dir, url.replace(/^\/search\//, "")), "utf8"));

async function rank(engine, q) {
  await engine.load(q);
  return engine.search(q).results;
}

const engine = new api.Engine("/search/", fetchJSON);
let t0 = performance.now();
await engine.ready();
const ready = performance.now() - t0;

if (queries.length) {
  for (const q of queries) {
    const rs = await rank(engine, q);
    console.log(`${q}: ${rs.length} results`);
    for (const r of rs.slice(0, 10)) console.log(`  ${r.score.toFixed(1).padStart(6)} ${r.matched} ${r.title} (${r.url})`);
  }
  process.exit(0);
}

const cases = JSON.parse(readFileSync(0, "utf8"));
const out = { tokenize: [], queryTokens: [], marks: [], results: {}, ms: { ready } };
for (const text of cases.tokenize || []) {
  const toks = [];
  api.tokenize(text, (tok, derived) => toks.push([tok, derived]));
  out.tokenize.push(toks);
}
out.chars = (cases.chars || []).map((text) => api.chars(text));
for (const q of cases.queryTokens || []) out.queryTokens.push(Array.from(api.queryTokens(q)));
for (const [text, toks] of cases.marks || []) out.marks.push(Array.from(api.marks(text, toks), (m) => Array.from(m)));
out.queryTerms = (cases.queryTerms || []).map((q) => Array.from(api.queryTerms(q), (t) => [t.tok, Array.from(t.atoms)]));
out.distance = (cases.distance || []).map(([q, w, limit]) => { const d = api.distance(q, w, limit); return [d.whole, d.prefix]; });
const markedTexts = (text, ms) => Array.from(ms, (m) => text.slice(m[0], m[1]));
out.snippets = (cases.snippets || []).map(([ex, toks]) => {
  const sn = api.snippet(ex, toks);
  return sn && { section: sn.section, text: sn.text, marked: markedTexts(sn.text, sn.marks) };
});
out.shown = {};
for (const q of cases.shown || []) {
  const found = await rank(engine, q);
  const top = found.slice(0, 8);
  await engine.excerpts(top.map((r) => r.doc));
  const toks = engine.search(q).tokens;
  out.shown[q] = top.map((r) => {
    const w = api.why(r, toks, engine.summary(r.doc), engine.excerpt(r.doc));
    const texts = w.field === "title" ? [r.title] : w.field === "aka" ? r.aka : [w.section || "", w.text || ""];
    return { url: r.url, field: w.field, text: w.text, marked: texts.flatMap((t) => markedTexts(t, api.marks(t, toks))) };
  });
}
for (const q of cases.queries || []) {
  t0 = performance.now();
  const rs = await rank(engine, q);
  out.ms.first ??= performance.now() - t0;
  out.results[q] = rs.map((r) => r.url);
}
console.log(JSON.stringify(out));
