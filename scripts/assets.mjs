// The browser bundle's last build step (scripts/build.sh): gives the files content-hashed names,
// so that browsers may keep them for a year and a new build is never mixed with an old one, and
// writes each one compressed beside itself (brotli at its best quality, gzip -9) once, here, so
// that the server sends them without compressing anything per request.
//
//   node scripts/assets.mjs target/site/pkg
//
// Writes pkg/assets.json, which the server reads at start: {"bundle": "atelier.<hash>",
// "css": "atelier.<hash>.css"} (the JavaScript and WebAssembly share one name: each is only ever
// valid with the other).
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const pkg = process.argv[2];
if (!pkg) {
  console.error('usage: node scripts/assets.mjs PKG_DIR');
  process.exit(2);
}

const hash = (...files) => {
  const digest = createHash('sha256');
  for (const file of files) digest.update(readFileSync(join(pkg, file)));
  return digest.digest('hex').slice(0, 16);
};

const bundle = `atelier.${hash('atelier.js', 'atelier.wasm')}`;
const css = `atelier.${hash('atelier.css')}.css`;
renameSync(join(pkg, 'atelier.js'), join(pkg, `${bundle}.js`));
renameSync(join(pkg, 'atelier.wasm'), join(pkg, `${bundle}.wasm`));
renameSync(join(pkg, 'atelier.css'), join(pkg, css));

// Everything the bundle may load, snippets of wasm-bindgen included.
const files = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
let plain = 0, brotli = 0;
for (const path of files(pkg).filter((p) => /\.(js|wasm|css)$/.test(p))) {
  const bytes = readFileSync(path);
  const br = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
  writeFileSync(`${path}.br`, br);
  writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
  plain += bytes.length;
  brotli += br.length;
}

writeFileSync(join(pkg, 'assets.json'), `${JSON.stringify({ bundle, css })}\n`);
console.log(`== assets: ${bundle}.{js,wasm}, ${css}; ${Math.round(plain / 1024)} KB, ${Math.round(brotli / 1024)} KB with brotli`);
