// Interface strings that other scripts write in English, set in the edition's language from the label table
// (window.rpLabels, written into every page by bookbuild.sphinx_ext): sphinx-togglebutton names each button it adds
// "Toggle hidden content" (aria-label), a literal of its JavaScript that no message catalogue reaches.
(function () {
  function relabel() {
    var labels = window.rpLabels;
    if (!labels) return;
    document.querySelectorAll("button.toggle-button").forEach(function (button) {
      button.setAttribute("aria-label", labels.script_toggle_content);
    });
  }
  // togglebutton.js adds its buttons when the document is parsed; "load" comes after that
  if (document.readyState === "complete") relabel(); else window.addEventListener("load", relabel);
})();
