// Draw every chart of the page from the Vega spec that sits next to it (compiled from Vega-Lite when the book was
// built, regional_policy.display). vega and vegaTooltip come from vendor/vega-bundle.js, a static asset of the build
// (no CDN; bookbuild.assets).
(function () {
  function render(target, spec) {
    // a spec Vega cannot parse rejects the promise like a failed drawing, so both show the same message
    return Promise.resolve().then(function () {
      var view = new window.vega.View(window.vega.parse(spec), {
        renderer: "svg",
        container: target,
        tooltip: new window.vegaTooltip.Handler().call,
      });
      return view.runAsync();
    });
  }

  function draw() {
    document.querySelectorAll("script.rp-vega-spec").forEach(function (el) {
      var target = document.getElementById(el.dataset.target);
      if (!target || target.dataset.drawn) return;
      target.dataset.drawn = "1";
      // Vega relabels its container; keep our role, name and description for screen readers
      var role = target.getAttribute("role"), label = target.getAttribute("aria-label");
      render(target, JSON.parse(el.textContent))
        .then(function () {
          if (role) target.setAttribute("role", role);
          if (label) target.setAttribute("aria-label", label);
          target.removeAttribute("aria-roledescription");
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
