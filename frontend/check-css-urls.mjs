// Checks that every url(...) in a compiled stylesheet points at a file that
// exists (relative to the stylesheet), as Django's ManifestStaticFilesStorage
// requires. Also rejects references to GOV.UK's crown, crest or fonts.
//
//   node check-css-urls.mjs ../static/css/site.css
import { readFileSync, existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

const cssPath = process.argv[2]
if (!cssPath) {
  console.error('usage: node check-css-urls.mjs path/to/site.css')
  process.exit(2)
}
const css = readFileSync(cssPath, 'utf8')
const problems = []
let count = 0
for (const match of css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)) {
  const url = match[2].trim()
  count += 1
  if (/^(data:|#)/.test(url)) continue
  if (/^([a-z]+:)?\/\//i.test(url) || url.startsWith('/')) {
    problems.push(`${url}: absolute URL (use a path relative to the stylesheet)`)
    continue
  }
  if (/crown|crest|govuk-icon|\.woff2?$/i.test(url)) {
    problems.push(`${url}: GOV.UK-only asset`)
  }
  const file = resolve(dirname(cssPath), url.split(/[?#]/)[0])
  if (!existsSync(file)) problems.push(`${url}: no such file ${file}`)
}
if (/sourceMappingURL/.test(css)) problems.push('sourceMappingURL comment present')
if (/GDS Transport/.test(css)) problems.push('GDS Transport font referenced')
if (problems.length) {
  console.error(`${cssPath}: ${problems.length} bad url(s):\n  ` + problems.join('\n  '))
  process.exit(1)
}
console.log(`${cssPath}: all ${count} url() references resolve`)
