// Draw every chart of the page from the Vega spec that sits next to it (compiled from Vega-Lite when the book was
// built, regional_policy.display). vega and vegaTooltip come from vendor/vega-bundle.js, a static asset of the build
// (no CDN; bookbuild.assets).
//
// A chart is drawn when it comes near the screen, so a page with five maps does not block the browser for a second
// while it loads. window.rpDrawAll() draws the others at once (it returns a promise); printing calls it, and so do the
// build's PDF and browser checks (bookbuild.pdf.CHARTS_DRAWN). The maps share one loader, which fetches each boundary
// file once for the page, as soon as the page has loaded.
(function () {
  var loader = null;

  function sharedLoader() {
    if (!loader) {
      loader = window.vega.loader();
      var load = loader.load.bind(loader), files = {};
      loader.load = function (uri, options) {
        if (!(uri in files)) files[uri] = load(uri, options);
        return files[uri];
      };
    }
    return loader;
  }

  function render(target, spec) {
    // a spec Vega cannot parse rejects the promise like a failed drawing, so both show the same message
    return Promise.resolve().then(function () {
      var view = new window.vega.View(window.vega.parse(spec), {
        renderer: "svg",
        container: target,
        loader: sharedLoader(),
        tooltip: new window.vegaTooltip.Handler().call,
      });
      return view.runAsync();
    });
  }

  var drawing = {};

  function draw(el) {
    var id = el.dataset.target, target = document.getElementById(id);
    if (!target) return Promise.resolve();
    if (drawing[id]) return drawing[id];
    // Vega relabels its container; keep our role, name and description for screen readers
    var role = target.getAttribute("role"), label = target.getAttribute("aria-label");
    drawing[id] = render(target, JSON.parse(el.textContent))
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
    return drawing[id];
  }

  function specs() {
    return Array.prototype.slice.call(document.querySelectorAll("script.rp-vega-spec"));
  }

  window.rpDrawAll = function () {
    return Promise.all(specs().map(draw));
  };

  function start() {
    if (!("IntersectionObserver" in window)) {
      window.rpDrawAll();
      return;
    }
    var byTarget = {};
    var observer = new IntersectionObserver(
      function (entries) {
        entries.forEach(function (entry) {
          if (!entry.isIntersecting) return;
          observer.unobserve(entry.target);
          draw(byTarget[entry.target.id]);
        });
      },
      { rootMargin: "200px 0px" },
    );
    specs().forEach(function (el) {
      var target = document.getElementById(el.dataset.target);
      if (!target) return;
      byTarget[target.id] = el;
      observer.observe(target);
    });
    window.addEventListener("beforeprint", window.rpDrawAll);
    // Printing cannot wait for the network: once the page has loaded, fetch the files the maps read (the boundaries),
    // so that a chart drawn for printing has its data at hand.
    if (document.readyState === "complete") prefetch();
    else window.addEventListener("load", prefetch);
  }

  function prefetch() {
    specs().forEach(function (el) {
      (JSON.parse(el.textContent).data || []).forEach(function (data) {
        if (data.url) sharedLoader().load(data.url).catch(function () {}); // a failure shows when the chart is drawn
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
