(function () {
  "use strict";
  var parts = window.GuanxiGraphParts = window.GuanxiGraphParts || {};
  parts.groups = function () {};
})();
