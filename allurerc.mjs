// Allure 3 configuration for `make report` (npm package `allure`, pinned in package.json).
// <reports>/html/ is the browsable report, <reports>/html-single/index.html the one file to share,
// <reports>/history/history.jsonl carries the trend from run to run.
// YUNO_REPORTS_DIR moves all three (the tests build reports in temporary folders).
import { readFileSync } from "node:fs";
import { defineConfig } from "allure";

const reports = process.env.YUNO_REPORTS_DIR || "./reports";
const single = process.env.ALLURE_SINGLE_FILE === "1";
const title = "Yuno Checkout Sessions: contract report";
// Failures sorted by their one-line message: the same rules go into allure-results/categories.json.
const categories = JSON.parse(readFileSync(new URL("./src/yuno_contracts/pytest_plugin/categories.json", import.meta.url)));

export default defineConfig({
  name: title,
  output: single ? `${reports}/html-single` : `${reports}/html`,
  historyPath: `${reports}/history/history.jsonl`,
  // The single-file build reads the trend but does not add a second point for the same run.
  appendHistory: !single,
  categories: { rules: categories },
  plugins: {
    awesome: {
      options: {
        reportName: title,
        singleFile: single,
        reportLanguage: "en",
        groupBy: ["feature", "story"],
      },
    },
  },
});
