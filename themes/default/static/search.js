// sitegen default theme: search. The header's search form works without
// this script (it opens /search/, which links to the glossary index).
// With it, results show as you type in a list under the box (an ARIA
// combobox: arrows move, Enter opens, Escape closes, "/" anywhere focuses
// the box), and the /search/ page shows every result for ?q=.
//
// The index is static JSON built by site/search (see its package doc): it
// is fetched from the same origin, next to the form's action ("/search/"),
// when the box is first focused or typed in, never on page load. Titles
// and aka are matched in memory; the postings of headings, summaries and
// body text come in shards fetched for the words typed. Index data is
// shown with textContent and <mark> elements made with DOM calls, never
// as HTML. No inline styles (search.css has them), no libraries.
(function () {
  "use strict";

  // ---- Tokens: the rules of internal/search (tokens.go, fold.go), kept in step. ----

  const MAX_TOKEN = 40;
  const JOINERS = "-\u2010\u2011/.&_";
  // Scripts of words: see fold.go. Ideographic runs (Han, kana) are
  // indexed as pairs of characters; Hangul words whole and, from three
  // syllables, as pairs too.
  const ALPHA = 0, IDEO = 1, HANGUL = 2;
  const RE_IDEO = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u30fc\uff70\uff9e\uff9f]/u;
  const RE_HANGUL = /\p{sc=Hangul}/u;
  const RE_WORD = /[\p{L}\p{Nd}\p{M}\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u;
  const RE_MARK = /\p{M}/u;
  const RE_UPPER = /\p{Lu}/u;
  const RE_LOWER = /\p{Ll}/u;
  const RE_LETTER = /\p{L}/u;
  const RE_DIGIT = /\p{Nd}/u;

  // Character classes of one code point c, with a fast path for ASCII;
  // other characters' classes are found once (info) and kept in CLASSES.
  const IS_WORD = 1, IS_UPPER = 2, IS_LOWER = 4, IS_LETTER = 8, IS_DIGIT = 16, IS_MARK = 32, SCRIPT = 64; // script: info >> 6, less 1
  const CLASSES = new Map();
  function info(c) {
    let v = CLASSES.get(c);
    if (v === undefined) {
      const n = c.codePointAt(0), mark = RE_MARK.test(c);
      const cls = mark ? -1 : n < 0x1100 ? ALPHA : RE_IDEO.test(c) ? IDEO : RE_HANGUL.test(c) ? HANGUL : ALPHA;
      v = (RE_WORD.test(c) ? IS_WORD : 0) | (RE_UPPER.test(c) ? IS_UPPER : 0) | (RE_LOWER.test(c) ? IS_LOWER : 0) |
        (RE_LETTER.test(c) ? IS_LETTER : 0) | (RE_DIGIT.test(c) ? IS_DIGIT : 0) | (mark ? IS_MARK : 0) | (cls + 1) * SCRIPT;
      CLASSES.set(c, v);
    }
    return v;
  }
  function isWord(c) {
    const n = c.charCodeAt(0);
    return n < 128 ? n >= 48 && n <= 57 || n >= 65 && n <= 90 || n >= 97 && n <= 122 : (info(c) & IS_WORD) !== 0;
  }
  function isUpper(c) { const n = c.charCodeAt(0); return n < 128 ? n >= 65 && n <= 90 : (info(c) & IS_UPPER) !== 0; }
  function isLower(c) { const n = c.charCodeAt(0); return n < 128 ? n >= 97 && n <= 122 : (info(c) & IS_LOWER) !== 0; }
  function isDigit(c) { const n = c.charCodeAt(0); return n < 128 ? n >= 48 && n <= 57 : (info(c) & IS_DIGIT) !== 0; }
  function isLetter(c) { return c.charCodeAt(0) < 128 ? isUpper(c) || isLower(c) : (info(c) & IS_LETTER) !== 0; }
  function isMark(c) { return c.charCodeAt(0) >= 0x300 && (info(c) & IS_MARK) !== 0; }
  // classOf is the script of the word a word character belongs to, or -1
  // for a mark, which belongs to the word of the character before it.
  function classOf(c) {
    return c.charCodeAt(0) < 0x300 ? ALPHA : (info(c) >> 6) - 1;
  }
  // continues says whether c, not a word character, stays inside a word
  // of script cls that it follows (folded to nothing): joiners, the soft
  // hyphen, and the katakana middle dot in an ideographic run.
  function continues(c, cls) {
    return c === "\u200c" || c === "\u200d" || c === "\u00ad" || cls === IDEO && (c === "\u30fb" || c === "\uff65");
  }
  // runes counts code points.
  function runes(s) {
    let n = 0;
    for (let i = 0; i < s.length; i++) if ((s.charCodeAt(i) & 0xfc00) !== 0xdc00) n++;
    return n;
  }

  // foldChar folds one character (a code point) as fold.go's foldRune
  // does: its compatibility decomposition (not for Hangul syllables and
  // kana), lower-cased, without the marks readers leave out, with Arabic
  // letter variants and some scripts' digits folded. Folds are kept.
  const FOLDED = new Map();
  function foldChar(c) {
    const n = c.charCodeAt(0);
    if (n < 128) return n >= 65 && n <= 90 ? String.fromCharCode(n + 32) : isWord(c) ? c : "";
    let out = FOLDED.get(c);
    if (out !== undefined) return out;
    const cp = c.codePointAt(0);
    const d = cp >= 0xac00 && cp <= 0xd7a3 || cp >= 0x3040 && cp <= 0x30ff ? c : c.normalize("NFKD");
    out = "";
    for (const x of d) for (const l of x.toLowerCase()) out += foldOne(l);
    FOLDED.set(c, out);
    return out;
  }
  // foldOne is fold.go's foldOne after lower-casing.
  function foldOne(l) {
    const r = l.codePointAt(0);
    if (r < 128) return isWord(l) ? l : "";
    if (dropped(r)) return "";
    if (l === "ς") return "σ";
    if (r === 0x9ce) return "\u09a4\u09cd";
    if (r === 0x901) return "\u0902";
    const f = r >= 0x629 && r <= 0x9ef ? letterFold(r) : r;
    const s = String.fromCodePoint(f);
    return isWord(s) ? s : "";
  }
  function dropped(r) {
    return r >= 0x300 && r <= 0x36f || r >= 0x591 && r <= 0x5c7 && RE_MARK.test(String.fromCodePoint(r)) ||
      r >= 0x64b && r <= 0x65f || r === 0x670 || r >= 0x6d6 && r <= 0x6ed && RE_MARK.test(String.fromCodePoint(r)) ||
      r === 0x93c || r === 0x640 || r === 0x200c || r === 0x200d || r === 0xad || r >= 0xfe00 && r <= 0xfe0f || r >= 0xe0100 && r <= 0xe01ef;
  }
  function letterFold(r) {
    switch (r) {
      case 0x671: return 0x627;
      case 0x649: case 0x6cc: return 0x64a;
      case 0x6a9: return 0x643;
      case 0x6c1: case 0x6d5: case 0x629: case 0x6c3: return 0x647;
    }
    for (const z of [0x660, 0x6f0, 0x966, 0x9e6]) if (r >= z && r <= z + 9) return 48 + r - z;
    return r;
  }
  const PLAIN = /^[a-z0-9]*$/, LOWER = /^[a-z]*$/, ASCII = /^[\x00-\x7f]*$/;
  // fold lower-cases a word and folds its characters.
  function fold(word) {
    if (PLAIN.test(word)) return word;
    if (ASCII.test(word)) return word.toLowerCase();
    let s = "";
    for (const c of word) s += foldChar(c);
    return s;
  }

  // units are the characters of a word folded, for pairs: a mark counts
  // with the character before it (a kana's voicing mark is composed with
  // it), and what folds to nothing is left out.
  function units(word) {
    const out = [];
    for (const c of word) {
      const u = foldChar(c);
      if (!u) continue;
      const m = u.codePointAt(0);
      if (!out.length || !isMark(String.fromCodePoint(m))) out.push(u);
      else if (m === 0x3099 || m === 0x309a) out[out.length - 1] = (out[out.length - 1] + u).normalize("NFC"); // "ﾃﾞ" is "デ"
      else out[out.length - 1] += u;
    }
    return out;
  }
  // pairs are the overlapping pairs of units ("数据治理" → 数据, 据治, 治理),
  // or the unit when it is the only one.
  function pairs(us) {
    if (us.length === 1) return [us[0]];
    const out = [];
    for (let i = 0; i + 1 < us.length; i++) out.push(us[i] + us[i + 1]);
    return out;
  }

  // cover are pairs of units that cover them, overlapping only at the
  // end of an odd number: "정보보안" → 정보, 보안; "데이터" → 데이, 이터.
  function cover(us) {
    const out = [];
    for (let i = 0; i + 1 < us.length; i += 2) out.push(us[i] + us[i + 1]);
    if (us.length % 2 && us.length > 1) out.push(us[us.length - 2] + us[us.length - 1]);
    return out;
  }

  // splits are where a word (an array of characters) changes case or
  // script: "DevSecOps" at 3 and 6. A plural "s" after capitals stays.
  function splits(w) {
    const out = [];
    for (let i = 1; i < w.length; i++) {
      const p = w[i - 1], c = w[i];
      let split = isLower(p) && isUpper(c) || isLetter(p) && isDigit(c) || isDigit(p) && isLetter(c);
      if (!split && isUpper(p) && isUpper(c) && i + 1 < w.length && isLower(w[i + 1])) {
        split = !(w[i + 1] === "s" && i + 2 === w.length);
      }
      if (split) out.push(i);
    }
    return out;
  }

  // scan splits text into words, calling word(w, script) for each and
  // compound() after the last word of a run joined by hyphens, slashes,
  // dots, ampersands or underscores (and after every lone word). A change
  // of script ends a word; an ideographic run is never part of a run of
  // joined words (compound() is not called for it).
  function scan(text, word, compound) {
    let start = -1, cls = ALPHA, joined = false, open = false;
    const endWord = function (end) {
      if (start < 0) return;
      word(text.slice(start, end), cls);
      start = -1;
      if (cls !== IDEO) open = true;
    };
    const endCompound = function () { if (open) { compound(); open = false; } };
    for (let i = 0; i < text.length;) {
      const n = text.codePointAt(i) > 0xffff ? 2 : 1;
      const c = n === 1 ? text[i] : text.slice(i, i + 2);
      if (isWord(c)) {
        const k = classOf(c);
        if (start >= 0 && k >= 0 && k !== cls) {
          endWord(i);
          endCompound();
          joined = false;
        }
        if (start < 0) {
          const s = k < 0 ? ALPHA : k;
          if (!joined || s === IDEO) endCompound();
          start = i;
          cls = s;
        }
        joined = false;
      } else if (start >= 0 && continues(c, cls)) {
        // Inside the word, folded to nothing.
      } else if (JOINERS.indexOf(c) >= 0 && start >= 0) {
        endWord(i);
        joined = cls !== IDEO;
      } else {
        endWord(i);
        endCompound();
        joined = false;
      }
      i += n;
    }
    endWord(text.length);
    endCompound();
  }

  // tokenize calls emit(token, derived) for every token of text, as the
  // index was built: each alphabetic word folded, then its parts if it
  // has several, then a compound joined (derived); a Hangul word, then
  // its pairs from three syllables (derived); an ideographic run's pairs.
  // Tokens over MAX_TOKEN are left out, and so are the parts of such
  // words.
  function tokenize(text, emit) {
    let compound = [];
    const put = function (tok, derived) {
      if (tok && (tok.length <= MAX_TOKEN || runes(tok) <= MAX_TOKEN)) emit(tok, derived);
    };
    scan(text, function (word, cls) {
      if (cls === IDEO) {
        pairs(units(word)).forEach(function (p) { put(p, false); });
        return;
      }
      const w = fold(word);
      compound.push(w);
      if (word.length > MAX_TOKEN && runes(word) > MAX_TOKEN) return;
      put(w, false);
      if (cls === HANGUL) {
        if (runes(w) >= 3) pairs(units(w)).forEach(function (p) { put(p, true); });
        return;
      }
      if (LOWER.test(word)) return;
      const chars = Array.from(word), cuts = splits(chars);
      if (cuts.length) {
        const at = [0].concat(cuts, [chars.length]);
        for (let i = 0; i + 1 < at.length; i++) put(fold(chars.slice(at[i], at[i + 1]).join("")), true);
      }
    }, function () {
      if (compound.length > 1) put(compound.join(""), true);
      compound = [];
    });
  }

  // queryTerms are what a query is matched by, each once: its words
  // folded, a compound joined ("ci/cd" → "cicd", which the index holds
  // for every compound), with the atoms of the term when it has several:
  // its words cut where letters meet digits ("iso27001", "ISO-27001" →
  // iso, 27001), which a page must all hold when it lacks the term
  // itself, so that "iso27001" finds "ISO 27001" as "iso 27001" does.
  // A Hangul word of three syllables or more has pairs of syllables that
  // cover it as atoms (so "정보보안" finds "정보 보안" too); an
  // ideographic run of three characters or more has its pairs as atoms
  // and is found by them only (grams: the index holds pairs, not runs).
  // Terms of one character are dropped when longer ones are there
  // ("vitamin d" → "vitamin"): the index leaves them out.
  function queryTerms(q) {
    const terms = [];
    let words = [];
    const add = function (t) {
      if (t.tok && (t.grams || runes(t.tok) <= MAX_TOKEN) && !terms.some(function (x) { return x.tok === t.tok; })) terms.push(t);
    };
    scan(q, function (word, cls) {
      if (cls !== IDEO) { words.push({ w: fold(word), cls: cls }); return; }
      const ps = pairs(units(word));
      if (ps.length > 1) add({ tok: units(word).join(""), atoms: ps, grams: true });
      else if (ps.length) add({ tok: ps[0], atoms: [], grams: false });
    }, function () {
      const t = words.map(function (x) { return x.w; }).join("");
      let atoms = [];
      if (words.length === 1 && words[0].cls === HANGUL && runes(t) >= 3) atoms = cover(units(t));
      else words.forEach(function (x) { atoms = atoms.concat(digitParts(x.w)); });
      add({ tok: t, atoms: atoms.length > 1 ? atoms : [], grams: false });
      words = [];
    });
    const long = terms.filter(function (t) { return runes(t.tok) > 1; });
    return long.length ? long : terms;
  }

  // queryTokens are the query's terms, joined.
  function queryTokens(q) {
    return queryTerms(q).map(function (t) { return t.tok; });
  }

  // digitParts cuts a folded word where letters meet digits: "iso27001"
  // → iso, 27001 (as tokenize derives the parts of "ISO27001").
  function digitParts(w) {
    const chars = Array.from(w), out = [];
    let start = 0;
    for (let i = 1; i < chars.length; i++) {
      const p = chars[i - 1], c = chars[i];
      if (isLetter(p) && isDigit(c) || isDigit(p) && isLetter(c)) {
        out.push(chars.slice(start, i).join(""));
        start = i;
      }
    }
    out.push(chars.slice(start).join(""));
    return out;
  }

  // fuzzyLimit is how many edits a word may be away from a name and still
  // find it: 1 from 4 letters, 2 from 8; none for words with digits, nor
  // in Han, kana or Hangul, where one character is a syllable or a word.
  const RE_NO_FUZZY = /[\p{Nd}\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/u;
  function fuzzyLimit(q) {
    const n = runes(q);
    if (n < 4 || RE_NO_FUZZY.test(q)) return 0;
    return n >= 8 ? 2 : 1;
  }

  // distance is the edit distance (insertions, deletions, substitutions
  // and swaps of neighbours) from q to word and, as prefix, to the
  // nearest beginning of word; both are limit + 1 when over limit.
  function distance(q, word, limit) {
    const a = Array.from(q), b = Array.from(word).slice(0, a.length + limit);
    const m = a.length, n = b.length, over = limit + 1;
    if (n < m - limit) return { whole: over, prefix: over };
    let prev2 = null, prev = [];
    for (let j = 0; j <= n; j++) prev.push(j);
    for (let i = 1; i <= m; i++) {
      const row = [i];
      let low = i;
      for (let j = 1; j <= n; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
        row.push(d);
        if (d < low) low = d;
      }
      if (low > limit) return { whole: over, prefix: over };
      prev2 = prev; prev = row;
    }
    let prefix = over;
    for (let j = Math.max(m - limit, 0); j <= n; j++) prefix = Math.min(prefix, prev[j]);
    const whole = runes(word) === n ? Math.min(prev[n], over) : over;
    return { whole: whole, prefix: prefix };
  }

  // marks are the [start, end) ranges of text (UTF-16 offsets) to
  // highlight: the beginning of each word, or part of a word, that a
  // query token is a prefix of; a token of one character marks only a
  // word, or part, that is that character. In an ideographic run, and a
  // Hangul word of three syllables or more, a token may begin at any
  // character. A mark ends after the marks that follow it, so that it
  // never cuts a letter from its accents or vowel signs.
  function marks(text, tokens) {
    const out = [];
    let chars = [], offs = [], cls = ALPHA;
    const endWord = function () {
      if (!chars.length) return;
      let starts = [0].concat(splits(chars));
      let ends = new Set(starts.slice(1).concat([chars.length]));
      if (cls === IDEO || cls === HANGUL && chars.length >= 3) {
        starts = chars.map(function (_, i) { return i; });
        ends = new Set(chars.map(function (_, i) { return i + 1; }));
      }
      const folded = chars.map(foldChar);
      const end = offs[offs.length - 1] + chars[chars.length - 1].length;
      starts.forEach(function (k) {
        if (!folded[k]) return;
        tokens.forEach(function (q) {
          let acc = "", j = k;
          while (j < chars.length && acc.length < q.length) acc += folded[j++];
          if (acc.length < q.length || acc.slice(0, q.length) !== q) return;
          while (j < chars.length && (isMark(chars[j]) || continues(chars[j], ALPHA))) j++;
          if (runes(q) > 1 || ends.has(j)) out.push([offs[k], j < chars.length ? offs[j] : end]);
        });
      });
      chars = []; offs = [];
    };
    let off = 0;
    for (const c of text) {
      if (isWord(c)) {
        const k = classOf(c);
        if (chars.length && k >= 0 && k !== cls) endWord();
        if (!chars.length) cls = k < 0 ? ALPHA : k;
        chars.push(c); offs.push(off);
      } else if (chars.length && continues(c, cls)) {
        chars.push(c); offs.push(off);
      } else endWord();
      off += c.length;
    }
    endWord();
    out.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    const merged = [];
    out.forEach(function (m) {
      const last = merged[merged.length - 1];
      if (last && m[0] <= last[1]) last[1] = Math.max(last[1], m[1]);
      else merged.push([m[0], m[1]]);
    });
    return merged;
  }

  // snippet is the passage of an excerpt ({h: headings, x: text}) to show
  // under a result: the line around the place where most of the marked
  // words meet, cut to about SNIPPET characters at spaces (the first
  // marked word within LEAD characters, the heading included), and the
  // heading of its section. Null when nothing in the text is marked.
  const SNIPPET = 160;
  // A result shows two lines of its summary or passage: the first marked
  // word must come within LEAD characters to be seen on a phone.
  const LEAD = 50;
  function snippet(ex, tokens) {
    const text = ex.x || "", ms = marks(text, tokens);
    if (!ms.length) return null;
    let best = -1, bestScore = -1;
    for (let i = 0; i < ms.length; i++) {
      const lineEnd = lineEndAt(text, ms[i][0]), words = new Set();
      let n = 0;
      for (let k = i; k < ms.length && ms[k][1] <= Math.min(lineEnd, ms[i][0] + SNIPPET * 0.7); k++) {
        words.add(text.slice(ms[k][0], ms[k][1]).toLowerCase());
        n++;
      }
      const score = words.size * 100 + n;
      if (score > bestScore) { best = i; bestScore = score; }
    }
    let at = ms[best][0], lineStart = text.lastIndexOf("\n", at - 1) + 1, lineEnd = lineEndAt(text, at);
    const section = sectionAt(ex, lineStart);
    if (section.at === lineStart && lineEnd < text.length) {
      // The match is a heading: it shows as the section, over the
      // beginning of its text.
      at = lineStart = lineEnd + 1;
      lineEnd = lineEndAt(text, at);
      return { section: section.text, text: text.slice(at, cut(text, at, lineEnd)) + (cut(text, at, lineEnd) < lineEnd ? "…" : ""), marks: marks(text.slice(at, cut(text, at, lineEnd)), tokens) };
    }
    // The match within LEAD characters of the start, section included.
    let start = Math.max(lineStart, at - Math.max(12, LEAD - runes(section.before)));
    if (start > lineStart) {
      // At a space; in ideographic text, which has none, anywhere.
      const sp = text.indexOf(" ", start);
      start = sp >= 0 && sp < at ? sp + 1 : classOf(String.fromCodePoint(text.codePointAt(at))) === IDEO ? boundary(text, start) : at;
    }
    let end = Math.min(lineEnd, start + SNIPPET);
    if (end < lineEnd) { const sp = text.lastIndexOf(" ", end); end = sp > ms[best][1] ? sp : Math.max(boundary(text, end), ms[best][1]); }
    const local = ms.filter(function (m) { return m[0] >= start && m[1] <= end; }).map(function (m) { return [m[0] - start, m[1] - start]; });
    return {
      section: section.before,
      text: (start > lineStart ? "…" : "") + text.slice(start, end) + (end < lineEnd ? "…" : ""),
      marks: local.map(function (m) { return start > lineStart ? [m[0] + 1, m[1] + 1] : m; }),
    };
  }
  // boundary is the first place from i that does not split a character
  // (a surrogate pair) or a letter from its marks.
  function boundary(text, i) {
    while (i < text.length && ((text.charCodeAt(i) & 0xfc00) === 0xdc00 || isMark(String.fromCodePoint(text.codePointAt(i))))) i++;
    return i;
  }
  function lineEndAt(text, at) { const e = text.indexOf("\n", at); return e < 0 ? text.length : e; }
  // cut is where to end a passage of text from start: at the last space
  // before SNIPPET characters, or at end if it comes first.
  function cut(text, start, end) {
    if (end - start <= SNIPPET) return end;
    const sp = text.lastIndexOf(" ", start + SNIPPET);
    return sp > start ? sp : Math.min(boundary(text, start + SNIPPET), end);
  }

  // sectionAt finds the heading of the section of an excerpt's text that
  // holds the line at lineStart: {before: the heading of the section ("" before
  // the first), at: where a heading on that very line starts (-1 if
  // none), text: that heading}. Headings are found once, in order, as
  // lines of the text.
  function sectionAt(ex, lineStart) {
    if (!ex.at) {
      ex.at = [];
      let from = 0;
      (ex.h || []).forEach(function (h) {
        let i = from;
        while ((i = ex.x.indexOf(h, i)) >= 0 && !((i === 0 || ex.x[i - 1] === "\n") && (i + h.length === ex.x.length || ex.x[i + h.length] === "\n"))) i++;
        if (i >= 0) { ex.at.push([i, h]); from = i + h.length; }
      });
    }
    const out = { before: "", at: -1, text: "" };
    ex.at.forEach(function (h) {
      if (h[0] < lineStart) out.before = h[1];
      else if (h[0] === lineStart) { out.at = h[0]; out.text = h[1]; }
    });
    return out;
  }

  // ---- The engine: index files in, ranked results out. No DOM. ----

  // Scores: a title or aka match outranks any body match (at most BODY).
  const NAME = { title: 200, titlePart: 160, aka: 180, akaPart: 150 };
  const PREFIX = 0.6; // a name matched by a prefix of one of its words
  const LONGER = 8; // less for each word of a name past the first (up to 6)
  const BODY = 60; // the best body posting (score 255)
  const BODY_PREFIX = 0.5;
  const FUZZY = [1, 0.7, 0.5]; // a name that many edits away from a word (whole; a prefix counts PREFIX more)
  const MAX_FIXES = 4; // names tried for a misspelt word
  const WHOLE = 400; // the query is the whole title or an aka
  const STARTS = 100; // the title or an aka starts with the query
  const MAX_SHARDS = 4; // per token, for prefixes spanning many shards
  const KIND_ORDER = { term: 1, chapter: 2, guide: 3, section: 4, page: 5, home: 6 };

  function Engine(base, fetchJSON) {
    this.base = base;
    this.fetchJSON = fetchJSON;
    this.loading = null;
    this.shards = new Map(); // file → {t, p} once loaded, or a promise
    this.sums = new Map(); // chunk → {s: summaries, x: excerpt files}, or a promise
    this.texts = new Map(); // excerpt file → {h, x}, or a promise
  }

  // ready loads index.json (once) and indexes the names in memory.
  Engine.prototype.ready = function () {
    const self = this;
    if (!self.loading) {
      self.loading = self.fetchJSON(self.base + "index.json").then(function (idx) {
        if (!idx || idx.v !== 2) throw new Error("search index: unknown format");
        self.prepare(idx);
        return self;
      });
      self.loading.catch(function () { self.loading = null; }); // retry next time
    }
    return self.loading;
  };

  // prepare indexes the names: token → [doc, weight, doc, weight, …].
  Engine.prototype.prepare = function (idx) {
    this.idx = idx;
    this.docs = idx.docs;
    const names = new Map();
    let doc = 0, whole = 0, part = 0;
    const emit = function (tok, derived) {
      const w = derived ? part : whole;
      let list = names.get(tok);
      if (!list) names.set(tok, list = []);
      const n = list.length;
      if (n && list[n - 2] === doc) list[n - 1] = Math.max(list[n - 1], w);
      else list.push(doc, w);
    };
    // A word of a shorter name weighs a little more: "governance" is
    // more the subject of "IT governance" than of a six-word title.
    const longer = function (s) {
      let n = -1;
      tokenize(s, function (tok, derived) { if (!derived) n++; });
      return LONGER * Math.min(Math.max(n, 0), 6);
    };
    for (; doc < this.docs.length; doc++) {
      const d = this.docs[doc];
      let less = longer(d.t);
      whole = NAME.title - less; part = NAME.titlePart - less;
      tokenize(d.t, emit);
      for (const a of d.a || []) {
        less = longer(a);
        whole = NAME.aka - less; part = NAME.akaPart - less;
        tokenize(a, emit);
      }
    }
    this.names = names;
    this.nameTokens = Array.from(names.keys()).sort();
    this.fixCache = new Map();
  };

  // keys are a page's title and aka as queries, glued ("iso27001"), made
  // when first needed: a query glued the same way is the whole name,
  // however its words are spaced or hyphenated.
  function keys(d) {
    if (!d.keys) d.keys = [d.t].concat(d.a || []).map(function (s) { return queryTokens(s).join(""); });
    return d.keys;
  }

  // lowerBound is the first index of sorted a whose item is >= q.
  function lowerBound(a, q) {
    let lo = 0, hi = a.length;
    while (lo < hi) { const m = (lo + hi) >> 1; if (a[m] < q) lo = m + 1; else hi = m; }
    return lo;
  }

  // each calls fn(token, exact) for the tokens of sorted a that equal q
  // or, if prefix, start with it.
  function each(a, q, prefix, fn) {
    for (let i = lowerBound(a, q); i < a.length; i++) {
      const exact = a[i] === q;
      if (!exact && !(prefix && a[i].startsWith(q))) break;
      fn(a[i], exact, i);
    }
  }

  // shardFiles are the shards that may hold tokens matching q: the last
  // whose first token is q or before it, and, for a prefix of three
  // characters or more, the next ones whose first token starts with q.
  Engine.prototype.shardFiles = function (q) {
    const n = runes(q);
    const from = this.idx.shards.from || [], files = this.idx.shards.files;
    if (n < 2 || !files.length) return [];
    let i = lowerBound(from, q);
    if (from[i] !== q) i = Math.max(i - 1, 0);
    const out = [files[i]];
    if (n >= 3) {
      while (++i < from.length && from[i].startsWith(q) && out.length < MAX_SHARDS) out.push(files[i]);
    }
    return out;
  };

  // missing lists the shards a query needs that are not loaded yet.
  Engine.prototype.missing = function (query) {
    const self = this, out = [];
    self.lookups(query).forEach(function (q) {
      self.shardFiles(q).forEach(function (f) {
        const s = self.shards.get(f);
        if ((!s || s.then) && out.indexOf(f) < 0) out.push(f);
      });
    });
    return out;
  };

  // load fetches the shards a query needs.
  Engine.prototype.load = function (query) {
    const self = this;
    return Promise.all(self.missing(query).map(function (f) { return self.fetchOnce(self.shards, f, f); }));
  };

  // fetchOnce fetches a file into cache under key, once: the cache holds
  // the promise until the data arrive, and forgets a failure.
  Engine.prototype.fetchOnce = function (cache, key, file) {
    let v = cache.get(key);
    if (!v) {
      v = this.fetchJSON(this.base + file).then(function (data) { cache.set(key, data); }, function (err) { cache.delete(key); throw err; });
      cache.set(key, v);
    }
    return v;
  };

  // lookups are the tokens whose postings a query needs: its terms,
  // their atoms and the names a misspelt word may mean.
  Engine.prototype.lookups = function (query) {
    const self = this, out = [];
    const put = function (t) { if (out.indexOf(t) < 0) out.push(t); };
    queryTerms(query).forEach(function (t) {
      if (!t.grams) put(t.tok);
      t.atoms.forEach(put);
      self.fixes(t.tok).forEach(function (f) { put(f.tok); });
    });
    return out;
  };

  // fixes are the name tokens a word may be a misspelling of, when no
  // name has it or starts with it: those within fuzzyLimit edits of it,
  // or of their beginning, the nearest first, at most MAX_FIXES.
  Engine.prototype.fixes = function (q) {
    let out = this.fixCache.get(q);
    if (out) return out;
    out = [];
    const limit = fuzzyLimit(q);
    let known = false;
    each(this.nameTokens, q, true, function () { known = true; });
    if (limit && !known) {
      this.nameTokens.forEach(function (tok) {
        const d = distance(q, tok, limit);
        const edits = Math.min(d.whole, d.prefix);
        if (edits <= limit) out.push({ tok: tok, edits: edits, weight: FUZZY[edits] * (d.whole <= d.prefix ? 1 : PREFIX) });
      });
      out.sort(function (a, b) { return b.weight - a.weight || a.tok.length - b.tok.length || (a.tok < b.tok ? -1 : 1); });
      out = out.slice(0, MAX_FIXES);
    }
    this.fixCache.set(q, out);
    return out;
  };

  // nameScores are the pages whose title or aka holds q (or, if prefix,
  // a word starting with it), with the best weight.
  Engine.prototype.nameScores = function (q, prefix) {
    const self = this, out = new Map();
    each(self.nameTokens, q, prefix, function (tok, exact) {
      const list = self.names.get(tok);
      for (let k = 0; k < list.length; k += 2) {
        const s = exact ? list[k + 1] : list[k + 1] * PREFIX;
        if (!(out.get(list[k]) >= s)) out.set(list[k], s);
      }
    });
    return out;
  };

  // bodyScores are the pages whose headings, summary or text hold q (or
  // a word starting with it, from three characters), in the shards
  // loaded so far; exact says whether q itself was found.
  Engine.prototype.bodyScores = function (q, prefix) {
    const self = this, out = new Map();
    let exact = false;
    self.shardFiles(q).forEach(function (f) {
      const shard = self.shards.get(f);
      if (!shard || shard.then) return;
      each(shard.t, q, prefix && runes(q) >= 3, function (tok, same, i) {
        exact = exact || same;
        const list = shard.p[i];
        let doc = 0;
        for (let k = 0; k < list.length; k += 2) {
          doc += list[k];
          const s = list[k + 1] * BODY / 255 * (same ? 1 : BODY_PREFIX);
          if (!(out.get(doc) >= s)) out.set(doc, s);
        }
      });
    });
    out.exact = exact;
    return out;
  };

  // all keeps the pages that every map lists, with their lowest score
  // summed over the maps (so atoms weigh as the words they stand for).
  function all(maps, into) {
    if (!maps.length) return;
    maps[0].forEach(function (_, doc) {
      let sum = 0;
      for (const m of maps) { const s = m.get(doc); if (!(s > 0)) return; sum += s; }
      if (!(into.get(doc) >= sum)) into.set(doc, sum);
    });
  }
  // best merges scores into into, keeping the higher, times weight.
  function best(from, into, weight) {
    from.forEach(function (s, doc) { s *= weight; if (!(into.get(doc) >= s)) into.set(doc, s); });
  }

  // termScores scores the pages for one term: its name matches and body
  // matches, each the best of the term itself, all its atoms, and, for a
  // word nothing holds, the names it may be a misspelling of.
  Engine.prototype.termScores = function (t) {
    const self = this;
    // A run of ideographs is found by its pairs only.
    const name = t.grams ? new Map() : self.nameScores(t.tok, true), body = t.grams ? new Map() : self.bodyScores(t.tok, true);
    const found = name.size > 0 || body.exact;
    if (t.atoms.length) {
      all(t.atoms.map(function (a) { return self.nameScores(a, runes(a) > 1); }), name);
      if (t.atoms.every(function (a) { return runes(a) > 1; })) {
        all(t.atoms.map(function (a) { return self.bodyScores(a, true); }), body);
      }
    }
    const fixed = found ? [] : self.fixes(t.tok);
    fixed.forEach(function (f) {
      best(self.nameScores(f.tok, false), name, f.weight);
      best(self.bodyScores(f.tok, false), body, f.weight);
    });
    return { name: name, body: body, marks: [t.tok].concat(t.atoms.filter(function (a) { return runes(a) > 1; }), fixed.map(function (f) { return f.tok; })) };
  };

  // search ranks the pages for query with the shards loaded so far:
  // pages matching every word first, then by score. When some page
  // matches every word of a query of several, pages that match only some
  // are left out: "chief tech" lists the pages about both.
  Engine.prototype.search = function (query) {
    const self = this, terms = queryTerms(query);
    const hits = new Map(); // doc → {score, matched}
    let tokens = [];
    terms.forEach(function (t) {
      const sc = self.termScores(t);
      sc.marks.forEach(function (m) { if (tokens.indexOf(m) < 0) tokens.push(m); });
      const seen = new Set(Array.from(sc.name.keys()).concat(Array.from(sc.body.keys())));
      seen.forEach(function (doc) {
        const h = hits.get(doc) || { score: 0, matched: 0 };
        h.score += (sc.name.get(doc) || 0) + (sc.body.get(doc) || 0);
        h.matched++;
        hits.set(doc, h);
      });
    });
    const whole = terms.map(function (t) { return t.tok; }).join("");
    let results = [];
    hits.forEach(function (h, doc) {
      const d = self.docs[doc];
      const ks = keys(d);
      if (ks.indexOf(whole) >= 0) h.score += WHOLE;
      else if (ks.some(function (k) { return k.startsWith(whole); })) h.score += STARTS;
      results.push({ doc: doc, title: d.t, url: d.u, kind: d.k, aka: d.a || [], guide: d.g || "", score: h.score, matched: h.matched });
    });
    if (terms.length > 1 && results.some(function (r) { return r.matched === terms.length; })) {
      results = results.filter(function (r) { return r.matched === terms.length; });
    }
    results.sort(function (a, b) {
      return b.matched - a.matched || b.score - a.score ||
        (KIND_ORDER[a.kind] || 9) - (KIND_ORDER[b.kind] || 9) ||
        a.title.length - b.title.length || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0);
    });
    return { tokens: tokens, results: results };
  };

  // summaries loads the summaries of docs; summary reads one once
  // loaded, null before.
  Engine.prototype.summaries = function (docs) {
    const self = this, size = self.idx.summaries.size || 1, files = self.idx.summaries.files;
    const chunks = new Set(docs.map(function (d) { return Math.floor(d / size); }));
    return Promise.all(Array.from(chunks, function (c) { return files[c] ? self.fetchOnce(self.sums, c, files[c]) : null; }));
  };
  Engine.prototype.chunk = function (doc) {
    const c = this.sums.get(Math.floor(doc / (this.idx.summaries.size || 1)));
    return c && !c.then ? c : null;
  };
  Engine.prototype.summary = function (doc) {
    const c = this.chunk(doc);
    return c ? c.s[doc % (this.idx.summaries.size || 1)] || "" : null;
  };

  // excerpts loads the excerpts of docs (their summaries first, which
  // name them); excerpt reads one once loaded, null before.
  Engine.prototype.excerpts = function (docs) {
    const self = this;
    return self.summaries(docs).then(function () {
      return Promise.all(docs.map(function (doc) {
        const c = self.chunk(doc), f = c && c.x[doc % (self.idx.summaries.size || 1)];
        return f ? self.fetchOnce(self.texts, f, f) : null;
      }));
    });
  };
  Engine.prototype.excerpt = function (doc) {
    const c = this.chunk(doc), f = c && c.x[doc % (this.idx.summaries.size || 1)];
    const x = f && this.texts.get(f);
    return x && !x.then ? x : null;
  };

  // lead keeps the first marked word of a summary in view: when that
  // word comes after LEAD characters, the summary is shown from a little
  // before it, after "…".
  function lead(text, ms) {
    const at = ms[0][0];
    if (at <= LEAD) return { text: text, marks: ms };
    let start = at - Math.floor(LEAD / 2);
    const sp = text.indexOf(" ", start);
    start = sp >= 0 && sp < at ? sp + 1 : classOf(String.fromCodePoint(text.codePointAt(at))) === IDEO ? boundary(text, start) : at;
    return { text: "…" + text.slice(start), marks: ms.map(function (m) { return [m[0] - start + 1, m[1] - start + 1]; }) };
  }

  // why says what a result shows under its title, given its summary and
  // excerpt as loaded so far (null before): {field, text, marks,
  // section, need}, where field says which text shows the match
  // ("title", "aka", "summary", "snippet", or "" when none does) and need
  // what to fetch for more ("summary", "excerpt" or ""). text is null
  // when there is nothing to show yet.
  function why(r, tokens, summary, excerpt) {
    const field = marks(r.title, tokens).length ? "title" : r.aka.some(function (a) { return marks(a, tokens).length; }) ? "aka" : "";
    if (summary === null) return { field: field, text: null, marks: [], section: "", need: "summary" };
    const sm = marks(summary, tokens);
    if (field) return { field: field, text: summary, marks: sm, section: "", need: "" };
    if (sm.length) { const l = lead(summary, sm); return { field: "summary", text: l.text, marks: l.marks, section: "", need: "" }; }
    const sn = excerpt && snippet(excerpt, tokens);
    if (sn) return { field: "snippet", text: sn.text, marks: sn.marks, section: sn.section, need: "" };
    return { field: "", text: summary, marks: [], section: "", need: excerpt ? "" : "excerpt" };
  }

  // chars describes each code point of text as the Go tests compare it:
  // [word character (0 or 1), script of a word character (-1 for a mark;
  // 0 for others), folded].
  function chars(text) {
    return Array.from(text, function (c) { const w = isWord(c); return [w ? 1 : 0, w ? classOf(c) : 0, foldChar(c)]; });
  }

  const api = { chars: chars, tokenize: tokenize, queryTokens: queryTokens, queryTerms: queryTerms, marks: marks, snippet: snippet, distance: distance, why: why, Engine: Engine };
  if (typeof document === "undefined") {
    globalThis.sitegenSearch = api; // for tests under node
    return;
  }

  // ---- The page: DOM from here on. ----

  // i18n is a string of the page's language (the js_ strings base.html
  // puts in #sitegen-i18n), else the English given; {name} is vars.name.
  // i18nCount picks the form for the count n by the language's plural
  // rules ({count} is n).
  const STRINGS = (function () {
    try { return JSON.parse(document.getElementById("sitegen-i18n").textContent) || {}; } catch (e) { return {}; }
  })();
  const fillIn = function (text, vars) {
    return text.replace(/\{([a-z_]+)\}/g, function (m, name) { return vars && name in vars ? String(vars[name]) : m; });
  };
  function i18n(key, english, vars) {
    return fillIn(typeof STRINGS[key] === "string" ? STRINGS[key] : english, vars);
  }
  function i18nCount(key, n, english, vars) {
    const own = STRINGS[key];
    let forms = english, form = n === 1 ? "one" : "other";
    if (typeof own === "string") forms = { other: own };
    else if (own && typeof own === "object") forms = own;
    if (forms !== english) {
      try { form = new Intl.PluralRules(document.documentElement.lang || "en").select(n); } catch (e) { form = "other"; }
    }
    return fillIn(forms[form] || forms.other, Object.assign({ count: n }, vars));
  }

  const KIND_LABEL = { term: i18n("js_kind_term", "Term"), chapter: i18n("js_kind_chapter", "Chapter"), guide: i18n("js_kind_guide", "Guide"),
    page: i18n("js_kind_page", "Page"), section: i18n("js_kind_section", "Index"), home: i18n("js_kind_home", "Home") };

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  // marked appends text to parent with the matched words in <mark>.
  function marked(parent, text, tokens) {
    return markedAt(parent, text, marks(text, tokens));
  }
  // markedAt appends text to parent with the ranges ms in <mark>.
  function markedAt(parent, text, ms) {
    let pos = 0;
    ms.forEach(function (m) {
      if (m[0] > pos) parent.appendChild(document.createTextNode(text.slice(pos, m[0])));
      parent.appendChild(el("mark", "", text.slice(m[0], m[1])));
      pos = m[1];
    });
    if (pos < text.length) parent.appendChild(document.createTextNode(text.slice(pos)));
    return parent;
  }

  // hit fills parent with one result: title, kind, aka, guide, and what
  // shows why it matched: the summary when the title, an aka or the
  // summary holds a word of the query, else the passage of the page's
  // text around the words (with its section's heading), fetched for it.
  function hit(parent, r, tokens, engine) {
    const head = el("span", "search-hit-head");
    head.appendChild(marked(el("span", "search-hit-title"), r.title, tokens));
    head.appendChild(el("span", "search-hit-kind", KIND_LABEL[r.kind] || r.kind));
    parent.appendChild(head);
    const matching = r.aka.filter(function (a) { return marks(a, tokens).length; });
    if (r.aka.length) {
      const shown = (matching.length ? matching : r.aka).slice(0, 3);
      marked(parent.appendChild(el("span", "search-hit-aka", i18n("js_also", "Also: {names}", { names: "" }))), shown.join(", "), tokens);
    }
    if (r.guide) parent.appendChild(el("span", "search-hit-guide", i18n("js_in_guide", "In {guide}", { guide: r.guide })));
    const sum = parent.appendChild(el("span", "search-hit-summary"));
    // fill shows what is loaded; it says whether more is to be fetched.
    const fill = function () {
      const w = why(r, tokens, engine.summary(r.doc), engine.excerpt(r.doc));
      if (w.text === null) return w.need;
      sum.textContent = "";
      if (w.field === "snippet") {
        sum.classList.add("search-hit-snippet");
        if (w.section) marked(sum.appendChild(el("span", "search-hit-section")), w.section, tokens);
      }
      markedAt(sum, w.text, w.marks);
      return w.need;
    };
    const more = function () {
      const need = fill();
      if (need) (need === "summary" ? engine.summaries([r.doc]) : engine.excerpts([r.doc])).then(function () { if (fill() === "excerpt") engine.excerpts([r.doc]).then(fill, function () {}); }, function () {});
    };
    more();
  }

  function searchURL(base, q) { return base + (q ? "?q=" + encodeURIComponent(q) : ""); }

  // fetchJSON gets same-origin JSON.
  function fetchJSON(url) {
    if (new URL(url, location.href).origin !== location.origin) return Promise.reject(new Error("search: not same-origin: " + url));
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error("search: " + url + ": " + r.status);
      return r.json();
    });
  }

  const form = document.querySelector("form.site-search");
  const input = form && form.querySelector("input[name=q]");
  let base = new URL((form && form.getAttribute("action")) || "/search/", location.href).pathname;
  if (!base.endsWith("/")) base += "/";
  const engine = new Engine(base, fetchJSON);
  if (input) combobox(form, input);
  const page = document.getElementById("search-page");
  if (page) resultsPage(page);

  // "/" focuses the search box, unless the reader is typing somewhere.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    const t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    const box = document.getElementById("search-page-q") || input;
    if (!box) return;
    e.preventDefault();
    box.focus();
    box.select();
  });

  // combobox turns the header's search box into an ARIA combobox with a
  // listbox of results under it.
  function combobox(form, input) {
    const LIMIT = 8;
    const list = el("ul", "site-search-list");
    list.id = "site-search-listbox";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", i18n("js_search_results", "Search results"));
    list.hidden = true;
    const status = el("div", "visually-hidden");
    status.setAttribute("role", "status");
    form.appendChild(list);
    form.appendChild(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-keyshortcuts", "/");
    let active = -1, seq = 0;

    const options = function () { return list.querySelectorAll("[role=option]"); };
    const open = function (yes) {
      list.hidden = !yes;
      input.setAttribute("aria-expanded", yes ? "true" : "false");
      if (!yes) select(-1);
    };
    const select = function (i) {
      const opts = options();
      if (active >= 0 && opts[active]) opts[active].setAttribute("aria-selected", "false");
      active = i >= 0 && i < opts.length ? i : -1;
      if (active >= 0) {
        opts[active].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", opts[active].id);
        opts[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    };
    const option = function (i, href, fill) {
      const li = el("li", "site-search-option");
      li.id = "site-search-option-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      const a = el("a", "search-hit");
      a.href = href;
      a.tabIndex = -1;
      fill(a);
      li.appendChild(a);
      return li;
    };
    const show = function (q, found) {
      const rs = found.results.slice(0, LIMIT);
      // Keep the option the reader moved to, if it is still listed.
      const was = active >= 0 ? options()[active].querySelector("a").getAttribute("href") : null;
      list.textContent = "";
      active = -1;
      input.removeAttribute("aria-activedescendant");
      rs.forEach(function (r, i) {
        list.appendChild(option(i, r.url, function (a) { hit(a, r, found.tokens, engine); }));
      });
      const query = { query: q.trim() };
      const more = found.results.length > LIMIT ? i18nCount("js_search_all", found.results.length, { one: "All {count} result for “{query}”", other: "All {count} results for “{query}”" }, query)
        : rs.length ? i18n("js_search_page", "Search page for “{query}”", query) : i18n("js_search_no_match", "No match for “{query}”: try the search page", query);
      list.appendChild(option(rs.length, searchURL(base, q.trim()), function (a) { a.classList.add("search-more"); a.textContent = more; }));
      status.textContent = found.results.length ? i18nCount("js_result_count", found.results.length, { one: "{count} result", other: "{count} results" }) : i18n("js_no_results", "No results");
      open(true);
      if (was) select(Array.from(options()).findIndex(function (o) { return o.querySelector("a").getAttribute("href") === was; }));
    };
    const fail = function () {
      list.textContent = "";
      list.appendChild(el("li", "site-search-error", i18n("js_search_unavailable", "Search is not available right now.")));
      status.textContent = i18n("js_search_unavailable", "Search is not available right now.");
      open(true);
    };
    const update = function () {
      const q = input.value, my = ++seq;
      if (!q.trim()) { open(false); status.textContent = ""; return; }
      engine.ready().then(function () {
        if (my !== seq) return;
        show(q, engine.search(q));
        if (!engine.missing(q).length) { list.removeAttribute("aria-busy"); return; }
        // More of the index is on its way: the list is busy until it is
        // shown again with it.
        list.setAttribute("aria-busy", "true");
        const done = function () { if (my === seq) list.removeAttribute("aria-busy"); };
        engine.load(q).then(function () { if (my === seq) show(q, engine.search(q)); done(); }, done);
      }, function () { if (my === seq) { list.removeAttribute("aria-busy"); fail(); } });
    };

    input.addEventListener("focus", function () {
      engine.ready().catch(function () {});
      if (input.value.trim() && list.hidden) update();
    });
    input.addEventListener("input", update);
    input.addEventListener("keydown", function (e) {
      const n = options().length;
      switch (e.key) {
        case "ArrowDown":
          e.preventDefault();
          if (list.hidden) { update(); return; }
          select(active + 1 < n ? active + 1 : 0);
          break;
        case "ArrowUp":
          e.preventDefault();
          if (!list.hidden) select(active > 0 ? active - 1 : n - 1);
          break;
        case "Enter":
          if (!list.hidden && active >= 0) {
            e.preventDefault();
            const a = options()[active].querySelector("a");
            if (a) location.assign(a.href);
          }
          break;
        case "Escape":
          if (!list.hidden) { e.preventDefault(); open(false); } else if (input.value) { e.preventDefault(); input.value = ""; }
          break;
      }
    });
    // Clicks in the list must not blur the box before the link opens.
    list.addEventListener("mousedown", function (e) { e.preventDefault(); });
    input.addEventListener("blur", function () { open(false); });
  }

  // resultsPage fills the /search/ page's container: a search field and
  // every result for ?q=, kept in step with the address.
  function resultsPage(root) {
    const STEP = 30;
    const title = document.title;
    root.textContent = "";
    const f = el("form", "search-page-form");
    f.setAttribute("role", "search");
    // Named, unlike the header's search landmark, so the two differ.
    f.setAttribute("aria-label", i18n("js_search_page_form", "All results"));
    f.action = base;
    const label = el("label", "", i18n("js_search_page_label", "Search the handbook"));
    label.htmlFor = "search-page-q";
    const box = el("input");
    box.id = "search-page-q";
    box.name = "q";
    box.type = "search";
    box.autocomplete = "off";
    box.setAttribute("aria-controls", "search-page-results");
    f.appendChild(label);
    f.appendChild(box);
    const status = el("p", "search-page-status");
    status.setAttribute("role", "status");
    const ol = el("ol", "search-page-results");
    ol.id = "search-page-results";
    const more = el("button", "search-page-more", i18n("js_search_more", "Show more results"));
    more.type = "button";
    more.hidden = true;
    root.appendChild(f);
    root.appendChild(status);
    root.appendChild(ol);
    root.appendChild(more);
    let seq = 0, found = null, shown = 0;

    const page = function () {
      const rs = found.results.slice(shown, shown + STEP);
      engine.summaries(rs.map(function (r) { return r.doc; })).catch(function () {});
      rs.forEach(function (r) {
        const li = el("li", "search-page-result");
        const a = el("a", "search-hit");
        a.href = r.url;
        hit(a, r, found.tokens, engine);
        li.appendChild(a);
        ol.appendChild(li);
      });
      shown += rs.length;
      more.hidden = shown >= found.results.length;
    };
    const run = function (q) {
      const my = ++seq;
      document.title = q.trim() ? i18n("js_search_title", "“{query}” · {title}", { query: q.trim(), title: title }) : title;
      if (!q.trim()) { ol.textContent = ""; status.textContent = i18n("js_search_prompt", "Type a word: a term, an acronym, a phrase from the guides."); more.hidden = true; return; }
      status.textContent = i18n("js_searching", "Searching…");
      engine.ready().then(function () { return engine.load(q); }).then(function () {
        if (my !== seq) return;
        found = engine.search(q);
        ol.textContent = "";
        shown = 0;
        const n = found.results.length;
        const first = found.results.slice(0, STEP).map(function (r) { return r.doc; });
        // The first results are shown once, with their summaries.
        const show = function () {
          if (my !== seq) return;
          status.textContent = n ? i18nCount("js_result_count_for", n, { one: "{count} result for “{query}”", other: "{count} results for “{query}”" }, { query: q.trim() })
            : i18n("js_no_results_for", "No results for “{query}”. Browse the glossary index instead.", { query: q.trim() });
          page();
        };
        engine.summaries(first).then(show, show);
      }, function () {
        if (my === seq) status.textContent = i18n("js_search_unavailable_page", "Search is not available right now. Browse the glossary index instead.");
      });
    };

    box.value = new URLSearchParams(location.search).get("q") || "";
    box.addEventListener("input", function () {
      history.replaceState(null, "", searchURL(base, box.value.trim()));
      run(box.value);
    });
    f.addEventListener("submit", function (e) { e.preventDefault(); run(box.value); });
    more.addEventListener("click", page);
    run(box.value);
    if (!box.value) box.focus();
  }
})();
