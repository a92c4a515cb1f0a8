// Query a built Pagefind index the way a reader's browser does, without a browser.
//
//   node query.mjs <output>/pagefind <lang> <term>...
//
// Runs Pagefind's own pagefind.js and WebAssembly (the Python package can index but
// not search), reading the bundle from disk, and prints {term: [{url, title}]} as JSON.
// Pagefind picks the index from <html lang>; here a stand-in document says the language.
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";

const [bundle, lang, ...terms] = process.argv.slice(2);
globalThis.document = { currentScript: null, querySelector: () => ({ getAttribute: () => lang }) };
globalThis.fetch = async (url) => new Response(await readFile(fileURLToPath(new URL(url))));

const pagefind = await import(pathToFileURL(`${bundle}/pagefind.js`).href);
await pagefind.options({ baseUrl: "/" });
await pagefind.init();
const found = {};
for (const term of terms) {
  const search = await pagefind.search(term);
  const pages = await Promise.all(search.results.map((result) => result.data()));
  found[term] = pages.map((page) => ({ url: page.url, title: page.meta.title }));
}
process.stdout.write(JSON.stringify(found));
