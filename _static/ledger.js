// Filter the claims ledger by text, status and section; ?section=... in the URL pre-selects a section.
(function () {
  function setup() {
    var wrap = document.querySelector(".rp-ledger-wrap");
    if (!wrap) return;
    var rows = Array.prototype.slice.call(wrap.querySelectorAll("tbody tr"));
    var text = wrap.querySelector('[data-filter="text"]');
    var status = wrap.querySelector('[data-filter="status"]');
    var section = wrap.querySelector('[data-filter="section"]');
    var count = wrap.querySelector(".rp-ledger-count");
    var wanted = new URLSearchParams(window.location.search).get("section");
    if (wanted) section.value = wanted;
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
    [text, status, section].forEach(function (el) { el.addEventListener("input", apply); });
    apply();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup); else setup();
})();
