// koppel: small progressive enhancements; every page works without this script.
// Move focus to the error summary after a failed submit, so screen-reader and keyboard users hear it first.
document.addEventListener('DOMContentLoaded', () => {
  const summary = document.querySelector('.error-summary');
  if (summary) summary.focus();
});
