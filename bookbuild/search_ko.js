/*
 * Korean search query (Sphinx's splitQuery for the Korean edition; bookbuild/search_ko.py puts it into
 * language_data.js and builds the matching index: content-morpheme runs, whole and in every part).
 *
 * A reader's word is looked up as typed; else with a particle or ending stripped (균형발전을 -> 균형발전);
 * else as a sequence of indexed terms (균형발전정책 -> 균형발전 + 정책), all of which a page must contain.
 */
var splitQuery = (query) => {
  // particles and endings, longest first
  const ENDINGS = [
    "이었다", "으로는", "으로도", "으로서", "으로써", "에서는", "에서도", "에게서", "이라는", "이라고", "하였다",
    "되었다", "들에게", "들에서",
    "에서", "에게", "으로", "까지", "부터", "보다", "처럼", "마다", "이나", "이며", "이고", "이다", "였다", "에는",
    "에도", "로는", "로도", "와는", "과는", "와의", "과의", "에의", "로서", "로써", "라는", "이란", "들이", "들은",
    "들을", "들의", "들과", "들로", "하는", "하고", "하며", "한다", "했다", "되는", "되고", "된다", "됐다", "이라",
    "은", "는", "이", "가", "을", "를", "의", "에", "로", "와", "과", "도", "만", "께", "나", "며", "고", "란", "인",
    "적", "들", "한", "된",
  ];
  const index = typeof Search !== "undefined" && Search._index ? Search._index : null;
  const has = (o, w) => !!o && Object.prototype.hasOwnProperty.call(o, w);
  const known = (w) => !!index && (has(index.terms, w) || has(index.titleterms, w));
  // fewest indexed terms that spell the word, or null
  const segment = (word) => {
    if (!index || word.length > 40) return null;
    const best = new Array(word.length + 1).fill(null);
    best[0] = [];
    for (let end = 1; end <= word.length; end++) {
      for (let start = 0; start < end; start++) {
        const piece = word.slice(start, end);
        if (best[start] !== null && known(piece) && (best[end] === null || best[start].length + 1 < best[end].length))
          best[end] = best[start].concat([piece]);
      }
    }
    return best[word.length] && best[word.length].length > 1 ? best[word.length] : null;
  };
  const out = [];
  query
    .split(/[^\p{Letter}\p{Number}_]+/gu)
    .filter((w) => w)
    .forEach((raw) => {
      const word = raw.toLowerCase();
      const candidates = [word];
      if (/[\uac00-\ud7a3]$/.test(word))
        ENDINGS.forEach((e) => {
          if (word.length > e.length && word.endsWith(e)) candidates.push(word.slice(0, -e.length));
        });
      const hit = candidates.find(known);
      if (hit) return out.push(hit);
      for (const c of candidates) {
        const parts = segment(c);
        if (parts) return out.push(...parts);
      }
      out.push(candidates.length > 1 ? candidates[1] : word);
    });
  return out;
};
