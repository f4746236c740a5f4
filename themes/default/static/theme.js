// sitegen default theme: the reader's theme, before the first paint.
// Loaded without defer in <head> (a file, so the Content-Security-Policy
// needs no inline script): it sets data-theme="light" or "dark" on <html>
// when the reader chose one (app.js's theme switch remembers the choice
// in localStorage), and leaves it unset for "auto", where the stylesheet
// follows prefers-color-scheme. The "js" class shows the theme switch.
(function () {
  var root = document.documentElement, theme = null;
  try { theme = localStorage.getItem("sitegen-theme"); } catch (e) { /* storage blocked */ }
  if (theme === "light" || theme === "dark") root.setAttribute("data-theme", theme);
  root.classList.add("js");
})();
