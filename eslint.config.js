// ESLint for the site's JavaScript and its tests; scripts/test.sh runs
// `npx eslint --max-warnings 0 .` (docs/development.md).
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["node_modules/", ".venv/", "build/", "site/", "bench/results/", "test-results/", "**/.richtlijnen-werk-*/"] },
  js.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // One kind of JavaScript: block-scoped names, template literals, no globals by accident.
      "no-var": "error",
      "prefer-const": "error",
      "prefer-template": "error",
      "object-shorthand": "error",
      "no-implicit-globals": "error",
      eqeqeq: "error",
    },
  },
  {
    // The site's modules: loaded by the browser (mkdocs.yml), imported by tests/js/.
    files: ["generator/templates/assets/**/*.js"],
    languageOptions: { sourceType: "module", globals: globals.browser },
  },
  {
    // The service worker is a classic script (it says why) with a global scope of its own, which
    // no page shares; tests/golden/ holds the sw.js that imports it, as the build writes it.
    files: ["generator/templates/assets/offline-worker.js", "tests/golden/**/sw.js"],
    languageOptions: { sourceType: "script", globals: globals.serviceworker },
    rules: { "no-implicit-globals": "off" },
  },
  {
    files: ["tests/js/**/*.js", "eslint.config.js"],
    languageOptions: { sourceType: "module", globals: globals.node },
  },
];
