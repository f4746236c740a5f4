// sitegen default theme: progressive enhancements. Every page works
// without this script.
(function () {
  "use strict";
})();
