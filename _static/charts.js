// Draw every chart of the page from the Vega-Lite spec that sits next to it.
// vegaEmbed comes from vendor/vega-bundle.js, a static asset of the build (no CDN).
(function () {
  function draw() {
    document.querySelectorAll("script.rp-vega-spec").forEach(function (el) {
      var target = document.getElementById(el.dataset.target);
      if (!target || target.dataset.drawn) return;
      target.dataset.drawn = "1";
      var spec = JSON.parse(el.textContent);
      // Vega-Embed relabels its container; keep our role, name and description for screen readers
      var role = target.getAttribute("role"), label = target.getAttribute("aria-label");
      window.vegaEmbed(target, spec, { actions: false, renderer: "svg" })
        .then(function (result) {
          if (role) target.setAttribute("role", role);
          if (label) target.setAttribute("aria-label", label);
          target.dataset.rendered = "1";
          var svg = target.querySelector("svg");
          if (svg) {
            svg.setAttribute("aria-hidden", "true");
            svg.setAttribute("focusable", "false");
          }
        })
        .catch(function (err) {
          // the message in the edition's language, from the label table (window.rpLabels, bookbuild.sphinx_ext)
          var message = (window.rpLabels || {}).script_chart_failed;
          target.textContent = message ? message.replace("{error}", String(err)) : String(err);
          console.error(err);
        });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
