/* Richtlijnen: site search with Pagefind, shown in Material's search overlay.

   Material's search plugin is off: its lunr search does not stem Dutch prefix queries, so
   "gezinnen" would not find "gezin" (README, "Search"). `richtlijnen build` writes a Pagefind
   index into pagefind/, and this script drives the overlay that partials/search.html renders with
   Material's markup and classes. Pagefind itself is loaded on first use, from the site root that
   Material's __config names, so the site also works under a sub-path such as /latest/.

   Material opens and closes the overlay with the #__search checkbox (CSS only); this script keeps
   that, and adds what Material's own search component would do: keyboard use, results, links. */
(function () {
  "use strict";

  var dialog = document.querySelector("[data-rl-search]");
  // No Pagefind markup: Material's own search is on (bench/search/recall.py). Leave it alone.
  if (!dialog || window.__rlSearch) return;
  window.__rlSearch = true;

  var TEXT = {
    idle: "Typ om te zoeken",
    busy: "Zoeken…",
    none: "Geen resultaten gevonden",
    one: "1 resultaat",
    other: "# resultaten",
    more: "Meer resultaten tonen",
    without: ", zonder „#”",
    failed: "Zoeken is nu niet beschikbaar. Probeer het later opnieuw.",
  };
  var PAGES_PER_BATCH = 10;
  // Links per page: the best-matching recommendation first, then the next best ones.
  var SECTIONS_PER_PAGE = 3;
  var DEBOUNCE_MS = 80;
  // How much of a word must match a query term to count as the same word in another form:
  // jeugdige/jeugdigen, familie/families, Monitor/monitoren.
  var CLOSE = 0.75;
  // Words that carry no meaning in a query; Pagefind would otherwise rank on "van" and "de".
  var STOPWORDS = new Set(
    ("de het een en of van in op te met voor bij aan na om tot als is zijn dat die dit deze er " +
      "over uit door naar ook je jij u ze zij hij hun wat wie hoe welke waar wanneer niet wel dan " +
      "maar zo nog al moet moeten kan kunnen mag wordt worden").split(" ")
  );

  // Resolved once: instant navigation changes the page but keeps this script and its site root.
  var config = JSON.parse(document.getElementById("__config").textContent);
  var siteRoot = new URL(config.base, location.href);
  if (!siteRoot.pathname.endsWith("/")) siteRoot.pathname += "/";

  var pagefind = null; // Promise of the Pagefind module, loaded on first use
  var loaded = false;
  var generation = 0; // the newest query; older answers that arrive late are dropped
  var timer = 0;
  var pending = null; // the rest of the current result list, for "Meer resultaten tonen"

  function toggle() { return document.getElementById("__search"); }
  function input() { return document.querySelector("[data-rl-search-input]"); }
  function statusLine() { return document.querySelector("[data-rl-search-status]"); }
  function list() { return document.querySelector("[data-rl-search-results]"); }
  function openButton() { return document.querySelector("[data-rl-search-open]"); }
  function isOpen() { return toggle().checked; }

  function loadPagefind() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", siteRoot).href).then(function (module) {
        return module.options({ baseUrl: siteRoot.pathname, excerptLength: 24 }).then(function () {
          loaded = true;
          return module;
        });
      });
      pagefind.catch(function () { pagefind = null; }); // try again on the next query
    }
    return pagefind;
  }

  // --- Opening and closing ------------------------------------------------------------------

  function setOpen(open) {
    // Material listens to the checkbox (and closes it itself on navigation); a click keeps its
    // change event.
    if (toggle().checked !== open) toggle().click();
  }

  var leavingByTab = false;

  function onToggle() {
    var open = isOpen();
    var button = openButton();
    if (button) button.setAttribute("aria-expanded", String(open));
    if (open) {
      loadPagefind();
      if (document.activeElement !== input()) input().focus({ preventScroll: true });
    } else if (!leavingByTab && dialog.contains(document.activeElement)) {
      // On a phone the input disappears with the overlay: give focus back to the button.
      if (button && button.offsetParent !== null) button.focus();
      else document.activeElement.blur();
    }
  }

  // --- Searching ----------------------------------------------------------------------------

  function normalise(word) {
    return word.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
  }

  function queryTerms(query) {
    var terms = query.split(/\s+/).map(normalise).filter(Boolean);
    var meaningful = terms.filter(function (t) { return !STOPWORDS.has(t); });
    return meaningful.length ? meaningful : terms;
  }

  function commonPrefix(a, b) {
    var n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  }

  function similarity(word, term) {
    return commonPrefix(word, term) / Math.max(word.length, term.length, 1);
  }

  /* A page's sections, one per heading with an id (each recommendation is one), with how often
     each query term occurs in them. Each matched word counts for the query term it shares the
     longest prefix with, so "gezinnen" and "gezin" count as one term, and by how much of it they
     share: Pagefind also matches "zorg" for "zorgtaken", which should count for less. */
  function sectionsOf(data, terms) {
    var words = (data.raw_content || data.content || "").split(/[\r\n\s]+/g);
    var starts = data.anchors
      .filter(function (a) { return /h\d/i.test(a.element) && a.text && /\S/.test(a.text); })
      .map(function (a) { return a.location; })
      .sort(function (a, b) { return a - b; });
    var subs = data.sub_results && data.sub_results.length ? data.sub_results : [{ url: data.url, locations: data.locations || [] }];
    var sections = subs.map(function (sub) {
      var start = sub.anchor ? sub.anchor.location : 0;
      var next = starts.find(function (s) { return s > start; });
      var tf = terms.map(function () { return 0; });
      sub.locations.forEach(function (location) {
        var word = normalise(words[location] || "");
        var best = 0;
        var shared = 0;
        terms.forEach(function (term, i) {
          var s = similarity(word, term);
          if (s > shared) { best = i; shared = s; }
        });
        tf[best] += shared;
      });
      return {
        sub: sub,
        top: !sub.anchor || /^h1$/i.test(sub.anchor.element) ? 1 : 0,
        start: start,
        tf: tf,
        length: Math.max(1, (next === undefined ? words.length : next) - start),
      };
    });
    // Pagefind sometimes finds a page through a stemmed form but reports no position for it
    // ("monitoren" for "Monitor"), or only positions of a shorter word ("zorg" where the page
    // also says "zorgtaken"). A term without a close match is looked up in the page's words here,
    // by the same measure, so it still counts for the section it stands in.
    terms.forEach(function (term, i) {
      var closest = 0;
      subs.forEach(function (sub) {
        sub.locations.forEach(function (location) {
          closest = Math.max(closest, similarity(normalise(words[location] || ""), term));
        });
      });
      if (closest >= CLOSE) return;
      words.forEach(function (raw, location) {
        var shared = similarity(normalise(raw), term);
        if (shared < CLOSE) return;
        var owner = sections.filter(function (s) { return s.start <= location; }).pop();
        if (owner) owner.tf[i] += shared;
      });
    });
    return { data: data, sections: sections, count: starts.length + 1, words: words.length };
  }

  /* Pagefind ranks whole pages, and lists a page's sections in page order. A reader looks for a
     recommendation, so the sections of the pages shown are ranked with BM25 over the query terms
     (rare terms weigh more, long sections a little less), each page gets its best section first,
     and the pages are ordered by their best section. */
  function rankPages(pages, terms) {
    var analysed = pages.map(function (data) { return sectionsOf(data, terms); });
    var all = [].concat.apply([], analysed.map(function (a) { return a.sections; }));
    var count = analysed.reduce(function (n, a) { return n + a.count; }, 0);
    var averageLength = analysed.reduce(function (n, a) { return n + a.words; }, 0) / Math.max(count, 1);
    var k1 = 1.2;
    var b = 0.5;
    var idf = terms.map(function (_, i) {
      var df = all.filter(function (s) { return s.tf[i] > 0; }).length;
      return Math.log(1 + (count - df + 0.5) / (df + 0.5));
    });
    all.forEach(function (s) {
      s.score = s.tf.reduce(function (sum, tf, i) {
        return sum + (idf[i] * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * s.length) / averageLength));
      }, 0);
    });
    analysed.forEach(function (a, order) {
      a.order = order;
      a.best = Math.max.apply(null, a.sections.map(function (s) { return s.score; }).concat(0));
      // A hit should lead to the recommendation, not to the top of its page: the page's title
      // section comes last when anything else on the page matches.
      a.sections.sort(function (x, y) { return x.top - y.top || y.score - x.score; });
    });
    analysed.sort(function (x, y) { return y.best - x.best || x.order - y.order; });
    return analysed;
  }

  function scheduleSearch() {
    clearTimeout(timer);
    var query = input().value.trim();
    generation += 1;
    if (!query) {
      showStatus(TEXT.idle);
      clearResults();
      return;
    }
    if (!isOpen()) setOpen(true);
    var mine = generation;
    // Pagefind fetches the index chunks of these words during the pause, not after it: on a
    // large publication that is most of what a first search of a word waits for.
    loadPagefind().then(function (module) {
      if (mine === generation && module.preload) module.preload(query);
    }, function () {});
    timer = setTimeout(function () { search(query, mine); }, DEBOUNCE_MS);
  }

  // A shorter prefix of a word, so that verb forms and spellings whose stems differ still meet:
  // organiseren/organiseer, evalueren/evalueer, sociaal/sociale.
  function loosen(term) {
    return term.length < 7 ? term : term.slice(0, Math.max(5, Math.ceil(term.length * 0.7)));
  }

  function subsets(terms, size) {
    if (size === 0) return [[]];
    if (terms.length < size) return [];
    var first = terms[0];
    var rest = terms.slice(1);
    return subsets(rest, size - 1).map(function (s) { return [first].concat(s); }).concat(subsets(rest, size));
  }

  /* Pagefind finds only pages that contain every word of the query (that it knows at all). When
     that gives nothing, a reader still wants the closest recommendations: first the same words
     loosened to shorter prefixes, then with as few words left out as possible (the status line
     says which). */
  function searchWithFallback(module, terms) {
    function run(words) {
      return module.search(words.join(" ")).then(function (response) {
        return { words: words, results: (response && response.results) || [] };
      });
    }
    return run(terms).then(function (strict) {
      if (strict.results.length || terms.length === 0) return Object.assign(strict, { dropped: [] });
      var loose = terms.map(loosen);
      var attempt = function (size) {
        if (size === 0) return Promise.resolve(Object.assign(strict, { dropped: [] }));
        var candidates = subsets(loose.map(function (_, i) { return i; }), size);
        return Promise.all(candidates.map(function (kept) {
          return run(kept.map(function (i) { return loose[i]; })).then(function (r) { return Object.assign(r, { kept: kept }); });
        })).then(function (answers) {
          var found = answers.filter(function (a) { return a.results.length; });
          if (!found.length) return attempt(size - 1);
          found.sort(function (x, y) { return y.results[0].score - x.results[0].score; });
          var best = found[0];
          best.dropped = terms.filter(function (_, i) { return best.kept.indexOf(i) === -1; });
          best.words = best.kept.map(function (i) { return terms[i]; });
          return best;
        });
      };
      return attempt(terms.length);
    });
  }

  function search(query, mine) {
    // Only while Pagefind loads; after that answers come faster than a screen reader could say it.
    if (!loaded) showStatus(TEXT.busy);
    var terms = queryTerms(query);
    loadPagefind()
      .then(function (module) { return searchWithFallback(module, terms); })
      .then(function (answer) {
        if (mine !== generation) return;
        var results = answer.results;
        clearResults();
        var count = results.length === 0 ? TEXT.none : results.length === 1 ? TEXT.one : TEXT.other.replace("#", results.length);
        if (results.length && answer.dropped.length) count += TEXT.without.replace("#", answer.dropped.join(" "));
        showStatus(count);
        pending = { results: results, terms: answer.words, next: 0, query: query, generation: mine };
        return renderBatch();
      })
      .catch(function (error) {
        if (mine !== generation) return;
        clearResults();
        showStatus(TEXT.failed);
        if (window.console) console.error("Zoeken:", error);
      });
  }

  function renderBatch() {
    var batch = pending;
    var slice = batch.results.slice(batch.next, batch.next + PAGES_PER_BATCH);
    batch.next += slice.length;
    return Promise.all(slice.map(function (result) { return result.data(); })).then(function (pages) {
      if (batch.generation !== generation) return;
      var more = list().querySelector(".rl-zoeken-meer");
      if (more) more.parentElement.remove();
      rankPages(pages, batch.terms).forEach(function (page) { list().append(renderPage(page)); });
      if (batch.next < batch.results.length) list().append(renderMoreButton());
      // A hook for tests and the benchmark: the list now shows the answer to this query.
      list().setAttribute("data-rl-query", batch.query);
    });
  }

  // --- Showing results in Material's markup -------------------------------------------------

  function showStatus(text) { statusLine().textContent = text; }

  function clearResults() {
    pending = null;
    list().replaceChildren();
    list().removeAttribute("data-rl-query");
  }

  // Pagefind escapes the page text in an excerpt and marks the matches with <mark>; this keeps
  // exactly that and nothing else.
  function appendExcerpt(parent, html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    template.content.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        parent.append(mark);
      } else {
        parent.append(node.textContent);
      }
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function renderLink(data, section, withPageTitle) {
    var link = element("a", "md-search-result__link");
    link.href = section.url;
    var article = element("article", "md-search-result__article md-typeset");
    if (withPageTitle) {
      article.append(element("div", "md-search-result__icon md-icon")); // Material's page icon
      article.append(element("p", "rl-zoeken-pagina", data.meta.title || ""));
    }
    var heading = section.anchor ? section.title : "";
    if (heading && heading !== data.meta.title) article.append(element("p", "rl-zoeken-kop", heading));
    var excerpt = element("p", "rl-zoeken-fragment");
    appendExcerpt(excerpt, section.excerpt || data.excerpt || "");
    article.append(excerpt);
    link.append(article);
    return link;
  }

  function renderPage(page) {
    var item = element("li", "md-search-result__item");
    page.sections.slice(0, SECTIONS_PER_PAGE).forEach(function (section, i) {
      item.append(renderLink(page.data, section.sub, i === 0));
    });
    return item;
  }

  function renderMoreButton() {
    var item = element("li", "md-search-result__item");
    var button = element("button", "rl-zoeken-meer", TEXT.more);
    button.type = "button";
    button.addEventListener("click", function () {
      var before = list().querySelectorAll(".md-search-result__link").length;
      renderBatch().then(function () {
        var next = list().querySelectorAll(".md-search-result__link")[before];
        if (next) next.focus();
      });
    });
    item.append(button);
    return item;
  }

  // --- Keyboard -----------------------------------------------------------------------------

  function focusables() {
    return [input()].concat(Array.from(list().querySelectorAll("a[href], button")));
  }

  function isEditable(target) {
    return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function onKeydown(event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if (!isOpen()) {
      // Material's shortcuts for its search: "/", "s" and "f", unless the reader is typing.
      if ((event.key === "/" || event.key === "s" || event.key === "f") && !isEditable(event.target)) {
        event.preventDefault();
        setOpen(true);
        input().focus();
        input().select();
      }
      return;
    }
    var items = focusables();
    var index = items.indexOf(document.activeElement);
    switch (event.key) {
      case "Escape":
        event.preventDefault();
        setOpen(false);
        break;
      case "ArrowDown":
      case "ArrowUp":
        if (index === -1) return;
        event.preventDefault();
        items[(index + (event.key === "ArrowDown" ? 1 : items.length - 1)) % items.length].focus();
        break;
      case "Tab":
        // Without results, Tab moves on and closes the overlay, as in Material, so a reader who
        // only passes the search box is not caught in it. With results the overlay covers the
        // page, so focus stays in it: the last result wraps to the input.
        if (index === -1) return;
        if (items.length === 1) {
          // Focus goes on from the input, not back to the button: on a phone the button comes
          // before the input, so returning there made Tab go round in a circle.
          leavingByTab = true;
          setOpen(false);
          leavingByTab = false;
          return;
        }
        if (!event.shiftKey && index === items.length - 1) {
          event.preventDefault();
          items[0].focus();
        } else if (event.shiftKey && index === 0) {
          event.preventDefault();
          items[items.length - 1].focus();
        }
        break;
      default:
        break;
    }
  }

  // --- Wiring: delegated to the document, so nothing is lost when Material swaps content -----

  document.addEventListener("input", function (event) {
    if (event.target === input()) scheduleSearch();
  });
  document.addEventListener("focusin", function (event) {
    // Desktop: the search box sits in the header; focusing it opens the overlay, as in Material.
    if (event.target === input() && !isOpen()) setOpen(true);
  });
  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    if (target.closest("[data-rl-search-open]")) {
      setOpen(true);
      input().focus();
    } else if (target.closest("[data-rl-search-results] a[href]")) {
      // Material's instant navigation follows the link; the overlay must not stay on top.
      setOpen(false);
    }
  });
  document.addEventListener("submit", function (event) {
    if (!event.target.matches || !event.target.matches("[data-rl-search-form]")) return;
    event.preventDefault(); // Enter: go to the best result, as Material does
    var first = list().querySelector("a[href]");
    if (first) first.click();
  });
  document.addEventListener("reset", function (event) {
    if (!event.target.matches || !event.target.matches("[data-rl-search-form]")) return;
    setTimeout(function () { scheduleSearch(); input().focus(); });
  });
  document.addEventListener("change", function (event) {
    if (event.target === toggle()) onToggle();
  });
  document.addEventListener("keydown", onKeydown);

  // The header button exists only for browsers with JavaScript (see search.css).
  document.documentElement.classList.add("rl-zoeken-actief");

  // Instant navigation: Material closes the overlay itself; keep the button state in step.
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(function () {
      var button = openButton();
      if (button) button.setAttribute("aria-expanded", String(isOpen()));
    });
  }
})();
