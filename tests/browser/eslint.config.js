// ESLint for spodeli's JavaScript: the scripts pages load (search, live reload) as classic
// browser scripts, and the node scripts that test them. Run from the repository root:
//   tests/browser/node_modules/.bin/eslint --config tests/browser/eslint.config.js
// (`cargo test` runs it through tests/tools/node.rs.)
"use strict";
const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  { ignores: ["**/node_modules/**", "target/**", "fuzz/**"] },
  js.configs.recommended,
  {
    rules: {
      eqeqeq: ["error", "always"],
      "no-var": "off",
      "no-unused-vars": ["error", { args: "after-used", caughtErrors: "none" }],
      "no-implicit-globals": "error",
      "no-shadow": "error",
    },
  },
  {
    // What pages load: classic scripts (they work from file://), shared with node for tests.
    files: ["themes/**/*.js", "src/**/*.js"],
    languageOptions: {
      ecmaVersion: 2019,
      sourceType: "script",
      globals: { ...globals.browser, module: "readonly" },
    },
  },
  {
    // Node scripts: the JavaScript tests, the end-to-end drivers, the benchmarks. Functions they
    // hand to the browser (page.evaluate) see the page's globals.
    files: ["tests/**/*.js", "benches/**/*.js"],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "commonjs",
      globals: { ...globals.node, ...globals.browser },
    },
  },
];
