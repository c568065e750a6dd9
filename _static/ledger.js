// Filter the claims ledger by text, status and section; ?section=... in the URL pre-selects a section. The ledger's
// rows are in a closed <details>: a filter, ?section=... or a link to a claim (#claim-...) opens it.
(function () {
  function setup() {
    var wrap = document.querySelector(".rp-ledger-wrap");
    if (!wrap) return;
    var rows = Array.prototype.slice.call(wrap.querySelectorAll("tbody tr"));
    var text = wrap.querySelector('[data-filter="text"]');
    var status = wrap.querySelector('[data-filter="status"]');
    var section = wrap.querySelector('[data-filter="section"]');
    var count = wrap.querySelector(".rp-ledger-count");
    var rowsBox = wrap.querySelector("details.rp-ledger-rows");
    var wanted = new URLSearchParams(window.location.search).get("section");
    if (wanted) section.value = wanted;
    // a filter, ?section=... or a link to one claim (#claim-...) opens the ledger, which the page shows closed
    function open() { rowsBox.open = true; }
    function reveal() {
      var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
      if (target && rowsBox.contains(target)) { open(); target.scrollIntoView(); }
    }
    function apply() {
      var q = text.value.trim().toLowerCase(), shown = 0;
      rows.forEach(function (tr) {
        var ok = (!q || tr.textContent.toLowerCase().indexOf(q) >= 0) &&
                 (!status.value || tr.dataset.status === status.value) &&
                 (!section.value || tr.dataset.section === section.value);
        tr.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown + " / " + rows.length;
    }
    [text, status, section].forEach(function (el) {
      el.addEventListener("input", function () { open(); apply(); });
    });
    window.addEventListener("hashchange", reveal);
    if (wanted) open();
    apply();
    reveal();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup); else setup();
})();
