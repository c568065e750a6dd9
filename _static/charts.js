// Draw every chart of the page from the Vega spec that sits next to it (compiled from Vega-Lite when the book was
// built, regional_policy.display). vega and vegaTooltip come from vendor/vega-bundle.js, a static asset of the build
// (no CDN; bookbuild.assets), fetched when the first chart is drawn: the page's <script> names it in data-vega
// (bookbuild.pageassets), so a reader who never scrolls to a chart never loads it.
//
// A chart is drawn when it comes near the screen, so a page with five maps does not block the browser for a second
// while it loads. window.rpDrawAll() draws the others at once (it returns a promise); the build's PDF and browser
// checks call it (bookbuild.pdf.CHARTS_DRAWN). Printing cannot wait for the network, so a chart not yet drawn prints
// as its static SVG, the same chart drawn when the book was built (the <noscript> next to it); the maps, which have
// none, are drawn from files fetched beforehand (see start). The maps share one loader, which fetches each boundary
// file once for the page.
(function () {
  var loader = null;
  var vegaUrl = document.currentScript && document.currentScript.dataset.vega;
  var vegaReady = null;

  function loadVega() {
    if (!vegaReady) {
      vegaReady = new Promise(function (resolve, reject) {
        if (window.vega || !vegaUrl) return resolve(); // a page that loads the bundle itself
        var script = document.createElement("script");
        script.src = vegaUrl;
        script.onload = function () {
          resolve();
        };
        script.onerror = function () {
          reject(new Error(vegaUrl));
        };
        document.head.appendChild(script);
      });
    }
    return vegaReady;
  }

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
    return loadVega().then(function () {
      target.textContent = ""; // the static SVG shown for printing, if any
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
    window.addEventListener("beforeprint", staticForPrint);
    // The maps read boundary files and have no static SVG. Once the reader does anything (scrolls, clicks, presses a
    // key), fetch Vega and those files, so that printing can draw the maps not drawn yet; Ctrl+P (or Cmd+P) waits for
    // every chart to be drawn before it prints.
    ["scroll", "pointerdown", "keydown", "touchstart"].forEach(function (type) {
      window.addEventListener(type, prefetch, { once: true, passive: true });
    });
    window.addEventListener("keydown", function (event) {
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== "p" || !urls().length) return;
      event.preventDefault();
      window.rpDrawAll().then(function () {
        window.print();
      });
    });
  }

  function urls() {
    var found = [];
    specs().forEach(function (el) {
      (JSON.parse(el.textContent).data || []).forEach(function (data) {
        if (data.url) found.push(data.url);
      });
    });
    return found;
  }

  var prefetched = false;

  function prefetch() {
    var files = urls();
    if (prefetched || !files.length) return;
    prefetched = true;
    loadVega().then(function () {
      files.forEach(function (url) {
        sharedLoader().load(url).catch(function () {}); // a failure shows when the chart is drawn
      });
    });
  }

  // Printing happens right after this event: each chart not drawn yet shows its static SVG at once, and a map is drawn
  // from the prefetched files (its drawing then needs no network).
  function staticForPrint() {
    specs().forEach(function (el) {
      var target = document.getElementById(el.dataset.target), fallback = el.nextElementSibling;
      if (!target || target.dataset.rendered || target.firstChild) return;
      if (fallback && fallback.tagName === "NOSCRIPT" && /<svg/.test(fallback.textContent)) {
        target.innerHTML = fallback.textContent;
      } else if (window.vega) {
        draw(el);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
