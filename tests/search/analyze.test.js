// The query-side analyzer (themes/default/static/search/analyze.js) against the vectors the
// Rust analyzer wrote (examples/gen-vectors.rs): the same terms and Latin keys, input by input.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const path = require("node:path");
const fs = require("node:fs");

const analyze = require(path.join(__dirname, "../../themes/default/static/search/analyze.js"));
const vectors = JSON.parse(fs.readFileSync(path.join(__dirname, "vectors.json"), "utf8"));
analyze.configure(vectors.analyzer);

test("terms match the Rust analyzer", () => {
  const wrong = vectors.texts.filter((v) => JSON.stringify(analyze.terms(v.text)) !== JSON.stringify(v.terms));
  const shown = wrong.slice(0, 10).map((v) => `${v.text} → ${JSON.stringify(analyze.terms(v.text))}, Rust ${JSON.stringify(v.terms)}`);
  assert.strictEqual(wrong.length, 0, `${wrong.length} of ${vectors.texts.length} differ:\n${shown.join("\n")}`);
  assert.ok(vectors.texts.length > 1000, "vectors from a real corpus");
});

test("Latin keys match", () => {
  for (const v of vectors.latin) assert.strictEqual(analyze.latinKey(v.word), v.key, v.word);
  for (const v of vectors.typed) assert.strictEqual(analyze.foldLatin(v.typed), v.fold, v.typed);
});
