// Finishes the npm package in pkg/ after wasm-pack: the entry module (ES
// import and script-tag start), the Node stub for server-side rendering,
// the stylesheet, and a package.json with exports, types and files.
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { build } from "esbuild";
import { minify } from "terser";
import { shortenExports, shortenImports } from "./short-names.mjs";
import { orderFunctions, wasmOptFrom } from "./function-order.mjs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const pkg = path.join(root, "pkg");
const copy = (from, name = path.basename(from)) => copyFileSync(path.join(root, from), path.join(pkg, name));

const [wasmFile, glueFile] = [path.join(pkg, "session_timeout_wasm_bg.wasm"), path.join(pkg, "session_timeout_wasm.js")];
const ordered = orderFunctions(wasmFile, wasmOptFrom(path.join(root, "node_modules/.bin/wasm-opt")));
console.log(`pkg/: ${ordered.functions} functions put in gzip's best order, ${ordered.saved} bytes gzip`);

// Import and export names without wasm-bindgen's hashes, snippet paths and
// Rust paths: ~5.5 KB of the .wasm that does not compress (checked against
// the glue, or the build stops).
const short = shortenImports(wasmFile, glueFile);
const typings = ["session_timeout_wasm.d.ts", "session_timeout_wasm_bg.wasm.d.ts"].map((name) => path.join(pkg, name));
const shortExports = shortenExports(wasmFile, glueFile, typings);
console.log(`pkg/: ${short.renamed} import and ${shortExports.renamed} export names shortened, ${short.saved + shortExports.saved} bytes`);

// V8's compile hint (first line of a file): compile its functions as the
// file loads, not each on its first call, which is while the library arms
// (start-up in make bench; other engines read it as a comment).
const compileHint = "//# allFunctionsCalledOnLoad";
const gluePath = path.join(pkg, "session_timeout_wasm.js");
const glue = readFileSync(gluePath, "utf8");
if (!glue.startsWith(compileHint)) writeFileSync(gluePath, `${compileHint}\n${glue}`);

copy("js/session-timeout.js");
copy("js/session-timeout.node.js");
copy("js/session-timeout.d.ts");
copy("README.md");
copy("LICENSE");

// The stylesheet every page downloads, minified (its custom properties and
// comments for readers stay in style/session-timeout.css).
await build({
  entryPoints: [path.join(root, "style/session-timeout.css")],
  minify: true, outfile: path.join(pkg, "session-timeout.css"), logLevel: "warning",
});

// What the script tag loads: entry, glue and snippets in one minified ES
// module beside the .wasm and the stylesheet (it finds both next to itself).
// The readable files stay for bundlers and for reading.
// esbuild bundles and minifies; terser's second compress pass then finds
// what esbuild's one pass leaves (0.25 KB gzip, measured).
const bundled = await build({
  entryPoints: [path.join(pkg, "session-timeout.js")],
  bundle: true, minify: true, format: "esm", target: "es2020", write: false, logLevel: "warning",
});
// Properties only our own JavaScript writes and reads (the platform's
// fields, wasm-bindgen's pointer and closure bookkeeping) get short names
// too: never named by Rust through a string, by the page or by the DOM
// (Rust's method and getter bindings are reads in the glue, renamed with
// them; terser would leave any name it knows as a DOM property).
// −75 B gzip, measured.
const internal = ["__wbg_ptr", "__destroy_into_raw", "__wrap", "_wbg_cb_unref", "primary", "secondary",
  "returnFocus", "onAction", "trapTab", "live", "electing", "onMessage", "onStorage", "elements", "roots", "note", "onWake"];
// Two of terser's "unsafe" rewrites hold for this code: no function
// written as `name: function` in an object is ever called with `new`
// (unsafe_methods makes them methods), and no anonymous function
// expression is used for its prototype (unsafe_arrows makes those that
// use neither `this` nor `arguments` arrows): −72 B gzip, measured.
const minified = await minify(bundled.outputFiles[0].text, {
  module: true, ecma: 2020, compress: { passes: 2, unsafe_methods: true, unsafe_arrows: true }, format: { preamble: compileHint },
  mangle: { properties: { regex: new RegExp(`^(${internal.join("|")})$`) } },
});
writeFileSync(path.join(pkg, "session-timeout.min.js"), minified.code);

const built = JSON.parse(readFileSync(path.join(pkg, "package.json"), "utf8"));
const cargo = readFileSync(path.join(root, "Cargo.toml"), "utf8");
const field = (name) => cargo.match(new RegExp(`^${name} = "(.*)"$`, "m"))?.[1];
const keywords = JSON.parse(cargo.match(/^keywords = (\[.*\])$/m)?.[1] ?? "[]");

const manifest = {
  // "session-timeout" on npm is another project (checked with npm view).
  name: "session-timeout-wasm",
  version: field("version") ?? built.version,
  description: field("description"),
  license: field("license"),
  repository: { type: "git", url: `git+${field("repository")}.git` },
  // Cargo's five (crates.io allows no more), then npm's own, each once.
  keywords: [...new Set([...keywords, "session-timeout", "idle", "keep-alive", "wcag", "webassembly"])],
  type: "module",
  main: "./session-timeout.js",
  module: "./session-timeout.js",
  types: "./session-timeout.d.ts",
  exports: {
    ".": {
      types: "./session-timeout.d.ts",
      node: "./session-timeout.node.js",
      default: "./session-timeout.js",
    },
    "./session-timeout.min.js": "./session-timeout.min.js",
    "./session-timeout.css": "./session-timeout.css",
    "./session_timeout_wasm_bg.wasm": "./session_timeout_wasm_bg.wasm",
    "./package.json": "./package.json",
  },
  files: [
    "session-timeout.js",
    "session-timeout.min.js",
    "session-timeout.node.js",
    "session-timeout.d.ts",
    "session-timeout.css",
    "session_timeout_wasm.js",
    "session_timeout_wasm.d.ts",
    "session_timeout_wasm_bg.wasm",
    "session_timeout_wasm_bg.wasm.d.ts",
    "snippets/",
    "README.md",
    "LICENSE",
  ],
  // The entry starts itself from a script tag; the snippets patch fetch/XHR
  // only when asked, but must never be dropped by a bundler.
  sideEffects: ["./session-timeout.js", "./session-timeout.min.js", "./session-timeout.css", "./snippets/**"],
};
writeFileSync(path.join(pkg, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(`pkg/: ${manifest.name}@${manifest.version}`);
