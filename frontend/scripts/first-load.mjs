// Prints each route's first-load JavaScript (every script the exported HTML loads, gzipped) and
// fails when the floor route ("/") passes its budget. Next 16's Turbopack build no longer prints it.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";

// A build with NEXT_DIST_DIR set exports into that folder instead of out/.
const OUT = new URL(`../${process.env.NEXT_DIST_DIR || "out"}/`, import.meta.url).pathname;
const BUDGET_KB = Number(process.env.FIRST_LOAD_BUDGET_KB ?? 300);
const ROUTES = ["/", "/perguntas/", "/mensagens/", "/pedidos/", "/anuncios/", "/relatorios/", "/hub/", "/integracoes/", "/integracoes/eventos/", "/admin/"];

function htmlOf(route) {
  return readFileSync(join(OUT, route, "index.html"), "utf8");
}

function scriptsOf(html) {
  const sources = new Set();
  // nomodule scripts (Next's polyfills) are skipped by every browser the dashboard supports.
  for (const match of html.matchAll(/<script([^>]*)\ssrc="([^"]+\.js)"[^>]*>/g)) {
    if (!/\snomodule/i.test(match[0])) sources.add(match[2]);
  }
  for (const match of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)) sources.add(match[1]);
  return [...sources];
}

function gzipKb(source) {
  const file = join(OUT, source.replace(/^\//, "").split("?")[0]);
  return gzipSync(readFileSync(file), { level: 9 }).length / 1024;
}

function inlineKb(html) {
  const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join("");
  return gzipSync(Buffer.from(inline), { level: 9 }).length / 1024;
}

let failed = false;
for (const route of ROUTES) {
  if (!statSync(join(OUT, route, "index.html"), { throwIfNoEntry: false })) continue;
  const html = htmlOf(route);
  const scripts = scriptsOf(html);
  const total = scripts.reduce((sum, source) => sum + gzipKb(source), 0) + inlineKb(html);
  const line = `first-load JS ${route.padEnd(24)} ${total.toFixed(1).padStart(6)} KB gzip (${scripts.length} files)`;
  if (route === "/" && total > BUDGET_KB) {
    failed = true;
    console.error(`${line}  over the ${BUDGET_KB} KB budget`);
  } else {
    console.log(route === "/" ? `${line}  budget ${BUDGET_KB} KB` : line);
  }
}
const unused = relative(process.cwd(), OUT);
if (failed) {
  console.error(`the floor's first load is too heavy: see the chunks under ${unused}/_next/static`);
  process.exit(1);
}
