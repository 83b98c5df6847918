/* Engage's site search. Plain JavaScript, no framework, nothing from the network: the index is
   a set of scripts beside the pages (search/pages.js, search/t-XX.js, search/p-N.js), each
   calling EngageSearch.add(name, data). They are added as <script> tags, not fetch()ed, so the
   search works from file:// too. Forms marked data-engage-search="ROOT" (ROOT: the site root,
   relative to the page) are shown and wired up; without JavaScript they stay hidden.
   Ranking: a page must match every word of the query (each as the start of a word); a word in
   the title counts 3, in a heading 2, in the summary or text 1; highest total first. */
(function () {
  "use strict";
  var loaded = {}, pending = {}, root = "";

  /* The same words as the build makes (SearchIndex.words): lower case, no accents. */
  function words(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }
  function shardKey(word) { return word.slice(0, 2).replace(/[^a-z0-9]/g, "_"); }

  function load(name) {
    if (loaded[name]) return Promise.resolve(loaded[name]);
    if (!pending[name]) {
      pending[name] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = root + "search/" + name + ".js";
        script.onload = function () { if (loaded[name]) resolve(loaded[name]); else reject(new Error(script.src)); };
        script.onerror = function () { delete pending[name]; reject(new Error("cannot load " + script.src)); };
        document.head.appendChild(script);
      });
    }
    return pending[name];
  }

  function queryWords(query) {
    var all = words(query), long = all.filter(function (w) { return w.length > 1; });
    return long.length ? long : all.slice(0, 1);
  }

  /* For one query word: an array, per page, of 3 (the word starts a word of the title), 2 (of
     a heading), 1 (of the summary or text) or 0. */
  function matches(word, index) {
    var found = new Uint8Array(index.pages.length);
    if (word.length < 2) {   // one letter: titles only
      index.pages.forEach(function (page, id) {
        if (words(page[1]).some(function (w) { return w.startsWith(word); })) found[id] = 3;
      });
      return found;
    }
    var shard = loaded["t-" + shardKey(word)] || {};
    for (var term in shard) {
      if (!term.startsWith(word)) continue;
      for (var field = 0; field < 3; field++) {
        var ids = shard[term][field], rank = 3 - field;
        for (var i = 0; i < ids.length; i++) if (found[ids[i]] < rank) found[ids[i]] = rank;
      }
    }
    return found;
  }

  /* Ranked results for a query whose files are loaded: [{id, score, path, title}]. A page must
     match every word; its score is the sum of its ranks. */
  function rank(query) {
    var index = loaded.pages;
    if (!index) return [];
    var qs = queryWords(query), total = new Uint16Array(index.pages.length), results = [];
    qs.forEach(function (word, n) {
      var found = matches(word, index);
      for (var id = 0; id < total.length; id++) total[id] = n > 0 && !total[id] || !found[id] ? 0 : total[id] + found[id];
    });
    if (!qs.length) return [];
    for (var id = 0; id < total.length; id++) {
      if (!total[id]) continue;
      var path = index.pages[id][0];   // "teams/x/": the file is teams/x/index.html
      results.push({ id: id, score: total[id], path: path === "" || path.endsWith("/") ? path + "index.html" : path, title: index.pages[id][1] });
    }
    return results.sort(function (a, b) {
      return b.score - a.score || a.title.length - b.title.length || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0);
    });
  }

  /* Loads what a query needs and ranks: {total, results}, the first `detailed` results with
     their summary and headings, at most `limit` results. */
  function search(query, limit, detailed) {
    return load("pages").then(function (index) {
      var shards = queryWords(query).filter(function (w) { return w.length > 1; }).map(shardKey)
        .filter(function (key) { return index.shards.indexOf(key) >= 0; });
      return Promise.all(shards.map(function (key) { return load("t-" + key); }));
    }).then(function () {
      var all = rank(query), shown = all.slice(0, limit), chunk = loaded.pages.chunk;
      var chunks = shown.slice(0, detailed).map(function (r) { return Math.floor(r.id / chunk); })
        .filter(function (n, i, list) { return list.indexOf(n) === i; });
      return Promise.all(chunks.map(function (n) { return load("p-" + n); })).then(function () {
        shown.slice(0, detailed).forEach(function (r) {
          var detail = loaded["p-" + Math.floor(r.id / chunk)][r.id % chunk];
          r.summary = detail[0];
          r.headings = detail[1];
        });
        return { total: all.length, results: shown };
      });
    });
  }

  /* Appends `text` to `el`, each word that starts with a query word in <mark>. */
  function highlight(el, text, query) {
    var qs = queryWords(query), re = /[\p{L}\p{N}\p{M}]+/gu, last = 0, m;
    while ((m = re.exec(text))) {
      var w = words(m[0])[0] || "";
      if (!qs.some(function (q) { return w.startsWith(q); })) continue;
      el.appendChild(document.createTextNode(text.slice(last, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      el.appendChild(mark);
      last = m.index + m[0].length;
    }
    el.appendChild(document.createTextNode(text.slice(last)));
  }

  function hits(text, query) {
    var qs = queryWords(query);
    return words(text).some(function (w) { return qs.some(function (q) { return w.startsWith(q); }); });
  }

  function setup(form) {
    var input = form.querySelector("input[type=search]"), status = form.querySelector("[role=status]"),
        list = form.querySelector(".search-results"), popup = list.classList.contains("search-popup"),
        limit = popup ? 8 : 100, detailed = popup ? 8 : 20, timer = 0, seq = 0;
    form.hidden = false;

    function clear() {
      seq++;
      list.textContent = "";
      if (popup) list.hidden = true;
      status.textContent = "";
    }
    function item(r, query) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = root + r.path;
      highlight(a, r.title, query);
      li.appendChild(a);
      /* A heading the title already says ("Team Lead" under "Team Lead") would repeat it. */
      var title = r.title.toLowerCase();
      var heading = (r.headings || []).filter(function (h) {
        return hits(h, query) && title.indexOf(h.toLowerCase()) < 0;
      })[0];
      [heading, r.summary].forEach(function (text) {
        if (!text) return;
        var span = document.createElement("span");
        span.className = "meta";
        highlight(span, text, query);
        li.appendChild(span);
      });
      return li;
    }
    function show(found, query) {
      list.textContent = "";
      found.results.forEach(function (r) { list.appendChild(item(r, query)); });
      if (found.total > found.results.length) {
        var li = document.createElement("li"), a = document.createElement("a");
        if (popup) {
          a.href = form.action + "?q=" + encodeURIComponent(query);
          a.textContent = "All " + found.total + " results";
          li.appendChild(a);
        } else {
          li.className = "meta";
          li.textContent = "The first " + found.results.length + " are shown; add a word to narrow the search.";
        }
        list.appendChild(li);
      }
      if (popup) list.hidden = !list.children.length;
      var n = found.total;
      status.textContent = (n === 0 ? "No results" : n + (n === 1 ? " result" : " results")) + " for \u2018" + query + "\u2019";
      if (popup && n === 0) { list.hidden = false; list.appendChild(Object.assign(document.createElement("li"), { textContent: status.textContent })); }
    }
    function run() {
      var query = input.value.trim(), mine = ++seq;
      if (!query) { clear(); return; }
      search(query, limit, detailed).then(function (found) { if (mine === seq) show(found, query); },
        function (error) { status.textContent = "Search is not available (" + error.message + ")."; });
    }

    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(run, 80); });
    form.addEventListener("submit", function (e) { if (!popup) { e.preventDefault(); run(); } });
    form.addEventListener("keydown", function (e) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a")), at = links.indexOf(document.activeElement);
      if (e.key === "Escape" && (input.value || list.children.length)) {
        input.value = "";
        clear();
        input.focus();
      } else if (e.key === "ArrowDown" && links.length && !list.hidden) {
        links[Math.min(at + 1, links.length - 1)].focus();
      } else if (e.key === "ArrowUp" && at >= 0) {
        (at === 0 ? input : links[at - 1]).focus();
      } else {
        return;
      }
      e.preventDefault();
    });
    if (popup) {
      form.addEventListener("focusout", function (e) { if (!form.contains(e.relatedTarget)) list.hidden = true; });
      input.addEventListener("focus", function () { if (list.children.length) list.hidden = false; });
    } else {
      var q = new URLSearchParams(location.search).get("q");
      if (q) { input.value = q; run(); }
    }
  }

  window.EngageSearch = { add: function (name, data) { loaded[name] = data; }, search: search, rank: rank, words: words };

  function start() {
    var page = document.querySelector("form.search-page[data-engage-search]");
    var forms = page ? [page] : Array.prototype.slice.call(document.querySelectorAll("form[data-engage-search]"));
    if (!forms.length) return;
    root = forms[0].getAttribute("data-engage-search");
    forms.forEach(setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
