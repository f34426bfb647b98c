// Search as you type: the titles of the best matches appear under the search box (a native
// <datalist>, so keyboards and screen readers handle it); picking one opens that page.
// Without JavaScript the search form works as it is.
(function () {
  "use strict";
  document.querySelectorAll("input[data-suggest]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var urls = {};
    var timer = null;
    var controller = null;

    function show(results) {
      urls = {};
      list.replaceChildren.apply(list, results.map(function (result) {
        urls[result.title] = result.url;
        var option = document.createElement("option");
        option.value = result.title;
        return option;
      }));
    }

    input.addEventListener("input", function (event) {
      var value = input.value.trim();
      if (event.inputType === undefined || event.inputType === "insertReplacementText") {
        if (urls[value]) { window.location.assign(urls[value]); return; }
      }
      clearTimeout(timer);
      if (value.length < 2) { show([]); return; }
      timer = setTimeout(function () {
        if (controller) { controller.abort(); }
        controller = new AbortController();
        var url = input.dataset.suggest + "?q=" + encodeURIComponent(value);
        fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) { show(data.results); })
          .catch(function () {});
      }, 200);
    });
  });
})();
