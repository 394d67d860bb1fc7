// The NL Design System CSS the portal uses, built from the npm packages (run by `make css`).
//
// 1. Which components: every `utrecht-<component>` class in the templates, the Python code
//    and the portal's own CSS, matched to the per-component package it comes from
//    (`@utrecht/<component>-css`, a dependency of @utrecht/component-library-css).
// 2. Which rules: PurgeCSS keeps the selectors whose classes occur in the templates and code,
//    plus SAFELIST (classes the templates build from parts), and drops unused custom properties.
// 3. Writes static/vendor/utrecht/components.css (with the EUPL notice), the licence file, and
//    build.json: versions, components, and every class those components define (the browser
//    tests check that a class on a page that the library defines is in the build).
import { readFileSync, writeFileSync, readdirSync, existsSync, copyFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { PurgeCSS } from "purgecss";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const modules = join(here, "node_modules", "@utrecht");
const out = join(root, "static", "vendor", "utrecht");

// Classes the templates put together from parts (macros/forms.html, base.html).
const SAFELIST = [
  "utrecht-alert--ok", "utrecht-alert--info", "utrecht-alert--warning", "utrecht-alert--error",
  "utrecht-button--primary-action", "utrecht-button--secondary-action",
  "utrecht-form-field--radio", "utrecht-form-field--checkbox",
  "utrecht-form-label--radio", "utrecht-form-label--checkbox",
  "utrecht-radio-button--html-input", "utrecht-radio-button--invalid",
  "utrecht-checkbox--html-input", "utrecht-checkbox--invalid",
];

function files(folder, test, found = []) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files(path, test, found);
    else if (test(entry.name)) found.push(path);
  }
  return found;
}

const content = [
  ...files(join(root, "portal", "templates"), (n) => n.endsWith(".html")),
  ...files(join(root, "portal"), (n) => n.endsWith(".py")),
  ...files(join(root, "static", "css"), (n) => n.endsWith(".css")),
];
const used = new Set(SAFELIST);
for (const path of content) {
  for (const match of readFileSync(path, "utf8").matchAll(/(?<![\w-])utrecht-[a-z0-9_-]+/g)) used.add(match[0]);
}

// The longest prefix of a class's block that names a package is its component.
const packages = new Set(readdirSync(modules).filter((n) => n.endsWith("-css")).map((n) => n.slice(0, -4)));
const components = new Set();
for (const name of used) {
  const block = name.slice("utrecht-".length).split("__")[0].split("--")[0];
  const parts = block.split("-");
  for (let n = parts.length; n > 0; n--) {
    const candidate = parts.slice(0, n).join("-");
    if (packages.has(candidate) && existsSync(join(modules, `${candidate}-css`, "dist", "index.min.css"))) {
      components.add(candidate);
      break;
    }
  }
}
const chosen = [...components].sort();
const source = chosen
  .map((c) => readFileSync(join(modules, `${c}-css`, "dist", "index.min.css"), "utf8"))
  .join("\n")
  .replace(/\/\*[\s\S]*?\*\//g, "")
  .replace(/@charset "UTF-8";/g, "");
const libraryClasses = [...new Set([...source.matchAll(/\.(utrecht-[a-z0-9_-]+)/g)].map((m) => m[1]))].sort();

const [result] = await new PurgeCSS().purge({
  content: content.map((path) => ({ raw: readFileSync(path, "utf8"), extension: path.split(".").pop() })),
  css: [{ raw: source }],
  safelist: SAFELIST,
  variables: true,
});
// A var() of a custom property that no stylesheet of the portal declares (the theme tokens
// are in static/css; a strict CSP allows no inline styles) always takes its fallback: write
// the fallback. Then drop the library's internal properties (--_utrecht-*) nothing reads.
function closing(text, open) {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")" && --depth === 0) return i;
  }
  return -1;
}
function declaredIn(text) {
  return new Set([...text.matchAll(/(--[\w-]+)\s*:/g)].map((m) => m[1]));
}
function inlineFallbacks(text, declared) {
  for (let at = text.lastIndexOf("var("); at !== -1; at = text.lastIndexOf("var(", at - 1)) {
    const end = closing(text, at + 3);
    const inner = text.slice(at + 4, end);
    const comma = inner.indexOf(",");
    const name = (comma === -1 ? inner : inner.slice(0, comma)).trim();
    if (comma !== -1 && !declared.has(name)) text = text.slice(0, at) + inner.slice(comma + 1).trim() + text.slice(end + 1);
    if (at === 0) break;
  }
  return text;
}
function dropUnread(text) {
  const read = new Set([...text.matchAll(/var\(\s*(--_[\w-]+)/g)].map((m) => m[1]));
  let result = "";
  let i = 0;
  for (const match of text.matchAll(/(--_[\w-]+)\s*:/g)) {
    if (match.index < i || read.has(match[1])) continue;
    let j = match.index + match[0].length, depth = 0;
    for (; j < text.length; j++) {
      if (text[j] === "(") depth++;
      else if (text[j] === ")") depth--;
      else if (depth === 0 && (text[j] === ";" || text[j] === "}")) break;
    }
    result += text.slice(i, match.index);
    i = text[j] === ";" ? j + 1 : j;
  }
  return (result + text.slice(i)).replace(/;}/g, "}").replace(/{;/g, "{");
}
const ownCss = files(join(root, "static", "css"), (n) => n.endsWith(".css")).map((p) => readFileSync(p, "utf8")).join("\n");
let purged = result.css.replace(/\s*\n\s*/g, " ").replace(/\(\s+/g, "(").replace(/\s+\)/g, ")");
for (let round = 0; round < 5; round++) {
  const declared = new Set([...declaredIn(purged), ...declaredIn(ownCss), "--portal-primary", "--portal-primary-dark", "--portal-accent-bg"]);
  const next = dropUnread(inlineFallbacks(purged, declared));
  if (next === purged) break;
  purged = next;
}

const library = JSON.parse(readFileSync(join(modules, "component-library-css", "package.json"), "utf8"));
const versions = Object.fromEntries(
  chosen.map((c) => [`@utrecht/${c}-css`, JSON.parse(readFileSync(join(modules, `${c}-css`, "package.json"), "utf8")).version]),
);
const header =
  `/*! NL Design System components used by the portal, from @utrecht/component-library-css ${library.version}\n` +
  ` * (${chosen.join(", ")}). @license EUPL-1.2, Gemeente Utrecht and Frameless B.V.:\n` +
  ` * see LICENSE.md beside this file. Built by assets/build-css.mjs (make css); do not edit. */\n`;
const css = header + purged.trim() + "\n";
writeFileSync(join(out, "components.css"), css);
copyFileSync(join(modules, "component-library-css", "LICENSE.md"), join(out, "LICENSE.md"));
const kept = [...new Set([...css.matchAll(/\.(utrecht-[a-z0-9_-]+)/g)].map((m) => m[1]))].sort();
writeFileSync(
  join(out, "build.json"),
  JSON.stringify({ library: library.version, components: versions, safelist: SAFELIST, kept, library_classes: libraryClasses }, null, 1) + "\n",
);
console.log(`components.css: ${css.length} bytes, ${chosen.length} components, ${kept.length} classes kept`);
