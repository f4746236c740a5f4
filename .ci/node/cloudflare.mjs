// cloudflare.mjs reads a built site as Cloudflare Pages does, offline,
// with Cloudflare's own code, and prints what it found as one JSON object
// on stdout. It judges nothing: the Go test that starts it (cmd/sitegen,
// TestCloudflareParsers) says what is wrong.
//
// The code is Cloudflare's, unchanged, from two npm packages that .ci/run
// unpacks (npm pack, without their dependencies) under cloudflare/:
//   - wrangler: its bundle (wrangler-dist/cli.js) holds the parsers of
//     _redirects and _headers (workers-shared/utils/configuration), which
//     no package exports; this script evaluates their modules' source as
//     it stands in the bundle. `wrangler pages dev` itself would need
//     Node 22 and workerd.
//   - @cloudflare/pages-shared: createMetadataObject, which turns parsed
//     rules into a deployment's metadata, and generateHandler, the asset
//     server that answers requests from the files, the rules and the
//     nearest 404.html. `wrangler pages dev` wires them up the same way
//     (generateAssetsFetch in its bundle).
//
// Usage: node cloudflare.mjs DIR < requests.json
//   DIR is the built site; requests.json is a list of paths to request.
// Output:
//   {"redirects": {"rules": [{from, to, status, lineNumber}], "invalid": [{line, lineNumber, message}]},
//    "headers": {"rules": [{path, headers, unsetHeaders}], "invalid": [...]},
//    "responses": [{"path", "status", "location", "headers": {name: value}, "body"}]}
// "body" is the first 300 bytes of a 404 answer's body, to tell which
// 404 page answered.
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { fileURLToPath } from "node:url";

const here = path.join(path.dirname(fileURLToPath(import.meta.url)), "cloudflare");
const dir = path.resolve(process.argv[process.argv.length - 1]);
const requests = JSON.parse(readFileSync(0, "utf8"));

// The parsers: the bundle's modules constants, validateURL, parseHeaders
// and parseRedirects, each from its "// ../workers-shared/..." line to the
// next module's, run with esbuild's two helpers.
const bundle = readFileSync(path.join(here, "wrangler/wrangler-dist/cli.js"), "utf8");
const modules = ["constants.ts", "validateURL.ts", "parseHeaders.ts", "parseRedirects.ts"].map((name) => {
  const marker = `\n// ../workers-shared/utils/configuration/${name}\n`;
  const start = bundle.indexOf(marker);
  if (start < 0) throw new Error(`wrangler's bundle has no module ${name}: has its layout changed?`);
  return bundle.slice(start, bundle.indexOf("\n// ", start + marker.length));
});
const source = modules.join("\n");
const initOf = (fn) => {
  const m = source.match(new RegExp(`function (${fn}\\d*)\\(input[\\s\\S]*?var (init_${fn}\\d*) = __esm`));
  if (!m) throw new Error(`wrangler's bundle has no function ${fn}`);
  return m;
};
const [, redirectsFn, redirectsInit] = initOf("parseRedirects");
const [, headersFn, headersInit] = initOf("parseHeaders");
const context = vm.createContext({ URL });
vm.runInContext(`
var __esm = (fn, res) => function __init() { return fn && (res = (0, fn[Object.getOwnPropertyNames(fn)[0]])(fn = 0)), res; };
var __name = (target, value) => Object.defineProperty(target, "name", { value, configurable: true });
var init_import_meta_url = () => {};
${source}
${redirectsInit}(); ${headersInit}();
`, context, { filename: "wrangler-dist/cli.js (workers-shared/utils/configuration)" });
const parseRedirects = context[redirectsFn];
const parseHeaders = context[headersFn];

const read = (name) => (existsSync(path.join(dir, name)) ? readFileSync(path.join(dir, name), "utf8") : undefined);
const redirectsText = read("_redirects");
const headersText = read("_headers");
// As `wrangler pages dev` calls them.
const redirects = redirectsText === undefined ? undefined : parseRedirects(redirectsText, { htmlHandling: undefined });
const headers = headersText === undefined ? undefined : parseHeaders(headersText);

// pages-shared's dist files are ES modules in a package that does not say
// so: imported as data: URLs, they load on every Node version.
const esm = (file) => import("data:text/javascript," + encodeURIComponent(readFileSync(path.join(here, "pages-shared/dist", file), "utf8")));
const { createMetadataObject } = await esm("metadata-generator/createMetadataObject.js");
const { generateHandler } = await esm("asset-server/handler.js");
const quiet = { debug() {}, log() {}, info() {}, warn() {}, error() {} };
const metadata = createMetadataObject({ redirects, headers, logger: quiet });

// The types the site's files have, as the mime package that
// `wrangler pages dev` uses names them.
const types = { ".html": "text/html", ".css": "text/css", ".js": "application/javascript", ".json": "application/json",
  ".xml": "application/xml", ".txt": "text/plain", ".svg": "image/svg+xml", ".png": "image/png", ".woff2": "font/woff2" };
const responses = [];
for (const p of requests) {
  const response = await generateHandler({
    request: new Request("https://example.pages.dev" + p),
    metadata,
    xServerEnvHeader: "dev",
    xWebAnalyticsHeader: false,
    logError: (e) => { throw e; },
    findAssetEntryForPath: async (asset) => {
      const file = path.resolve(path.join(dir, asset));
      if (!file.startsWith(dir) || ["_redirects", "_headers"].includes(path.relative(dir, file))) return null;
      return existsSync(file) && statSync(file).isFile() ? file : null;
    },
    getAssetKey: (entry) => entry,
    negotiateContent: () => ({ encoding: null }),
    fetchAsset: async (file) => {
      let type = types[path.extname(file)] || "application/octet-stream";
      if (type.startsWith("text/")) type += "; charset=utf-8";
      return { body: readFileSync(file), contentType: type };
    },
  });
  const body = response.status === 404 ? (await response.text()).slice(0, 300) : "";
  responses.push({ path: p, status: response.status, location: response.headers.get("location") || "",
    headers: Object.fromEntries(response.headers), body });
}
console.log(JSON.stringify({ redirects, headers, responses }));
