// graphql-inspector's --onComplete handler for .ci/schema-check: writes the changes it found to
// $SCHEMA_DIFF_REPORT as JSON, so the script (not the CLI) decides what a breaking change means.
const { writeFileSync } = require('node:fs');

module.exports = ({ breakingChanges, dangerousChanges, nonBreakingChanges }) => {
  const messages = (changes) => changes.map((change) => change.message);
  writeFileSync(
    // biome-ignore lint/suspicious/noUndeclaredEnvVars: set by .ci/schema-check, not a turbo task
    process.env.SCHEMA_DIFF_REPORT,
    JSON.stringify({
      breaking: messages(breakingChanges),
      dangerous: messages(dangerousChanges),
      safe: messages(nonBreakingChanges),
    }),
  );
};
