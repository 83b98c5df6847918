#!/usr/bin/env bash
# Build-speed benchmark: generates a synthetic ~10,000-page Engage site and the equivalent Hugo
# site, then times cold builds, warm rebuilds and one-page-edit rebuilds (median of $RUNS runs).
#
#   scripts/bench.sh [DIR]          DIR defaults to /tmp/engage-bench (replaced on every run)
#
# Environment (all optional):
#   PAGES=8124 TEAMS=600 PATHWAYS=300 VALUES=50   collection sizes (defaults give 10,000 HTML pages)
#   RUNS=3                 runs per measurement; the median is reported
#   WARM_RUNS=$RUNS         runs of the warm and edit measurements (e.g. RUNS=1 WARM_RUNS=3 at 40k)
#   40,000 pages: PAGES=38124 (the other sizes as above)
#   ENGAGE_REPO=<repo>     Swift package to build (default: the repo this script is in)
#   ENGAGE_BIN=<path>      use this engage binary instead of building one
#   SKIP_HUGO=1            time Engage only
#   SKIP_ENGAGE=1          time Hugo only
#   GENERATE_ONLY=1        write the two sites and stop
#
# Generation is deterministic: every "random" choice is arithmetic on the item's index.
#
# Cold builds go into a new, never-used folder each run (OUT.cold-N), and old trees are moved
# aside and deleted only after the timings. On ext4 without a journal (this machine's disk)
# creating 10,000 files soon after a 10,000-file tree was deleted is several times slower (kernel
# time in the inode allocator, recently_deleted()) and drifts upward run after run, for Engage
# and Hugo alike: "rm -rf OUT" before each cold run measured the file system, not the generator.
# Cold times still depend on the disk's recent history; warm and edit times do not.
# See docs/performance.md for what is measured and the latest results.
set -euo pipefail

BENCH=${1:-/tmp/engage-bench}
PAGES=${PAGES:-8124}
TEAMS=${TEAMS:-600}
PATHWAYS=${PATHWAYS:-300}
VALUES=${VALUES:-50}
RUNS=${RUNS:-3}
REPO=${ENGAGE_REPO:-$(cd "$(dirname "$0")/.." && pwd)}

case "$BENCH" in
  /|"$HOME"|"$REPO"|"$REPO"/*) echo "bench.sh: refusing to use '$BENCH' as the benchmark folder" >&2; exit 2 ;;
esac
for n in "$PAGES" "$TEAMS" "$PATHWAYS" "$VALUES" "$RUNS"; do
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "bench.sh: counts must be positive integers" >&2; exit 2; }
done

TRASH=$BENCH.old-$$             # a previous run's tree, deleted after the timings
ENGAGE_SRC=$BENCH/engage        # Engage source folder (content/)
ENGAGE_OUT=$BENCH/engage-out
HUGO_SRC=$BENCH/hugo
HUGO_OUT=$BENCH/hugo-out
LOG=$BENCH/logs
cleanup() { rm -rf "$TRASH" "$ENGAGE_OUT".cold-* "$HUGO_OUT".cold-*; }
trap cleanup EXIT

# ---------------------------------------------------------------------------------------------
# 1. Generate both sites
# ---------------------------------------------------------------------------------------------
generate() {
  if [ -e "$BENCH" ]; then mv "$BENCH" "$TRASH"; fi
  mkdir -p "$ENGAGE_SRC/content"/{values,pathways,teams,pages} "$HUGO_SRC/content"/{values,pathways,levels,teams,departments,pages} \
           "$HUGO_SRC/layouts/_default" "$LOG"

  cat > "$ENGAGE_SRC/content/site.yml" <<'EOF'
title: Benchmark People Hub
organization: Benchmark Ltd
base_url: /
EOF

  cat > "$HUGO_SRC/config.toml" <<'EOF'
baseURL = "/"
title = "Benchmark People Hub"
languageCode = "en"
uglyURLs = false
disableKinds = ["taxonomy", "term", "RSS"]
[markup.goldmark.renderer]
  unsafe = false
EOF

  cat > "$HUGO_SRC/layouts/_default/baseof.html" <<'EOF'
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<header class="site-header"><div class="wrap">
  <a class="brand" href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
  <nav><ul>
    <li><a href="{{ "/" | relURL }}"{{ if .IsHome }} aria-current="page"{{ end }}>Home</a></li>
    {{ $cur := . }}{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}"{{ if eq $cur.Section .Section }} aria-current="page"{{ end }}>{{ .Title }}</a></li>{{ end }}
  </ul></nav>
</div></header>
<main class="wrap">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer"><div class="wrap"><p class="muted">{{ .Site.Title }} · built with Hugo</p></div></footer>
</body>
</html>
EOF

  cat > "$HUGO_SRC/layouts/_default/single.html" <<'EOF'
{{ define "main" }}
<nav class="breadcrumbs"><a href="{{ "/" | relURL }}">Home</a> › <a href="{{ .CurrentSection.RelPermalink }}">{{ .CurrentSection.Title }}</a></nav>
<article>
  <h1>{{ .Title }}</h1>
  {{ with .Description }}<p class="lead">{{ . }}</p>{{ end }}
  <div class="prose">
{{ .Content }}
  </div>
</article>
{{ end }}
EOF

  cat > "$HUGO_SRC/layouts/_default/list.html" <<'EOF'
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul class="cards">
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Description }} <span class="muted">{{ . }}</span>{{ end }}</li>
{{ end }}
</ul>
{{ end }}
EOF

  # One awk pass writes both sites so their bodies are byte-identical Markdown
  # (only link targets differ: Engage links to source files, Hugo to page URLs).
  awk -v PAGES="$PAGES" -v TEAMS="$TEAMS" -v PATHWAYS="$PATHWAYS" -v VALUES="$VALUES" \
      -v E="$ENGAGE_SRC/content" -v H="$HUGO_SRC/content" -f /dev/stdin <<'AWK'
function w(i, j) { return WORDS[(i * 31 + j * 17 + int(i / 7) * 5) % NW] }
function cap(s) { return toupper(substr(s, 1, 1)) substr(s, 2) }
function sentence(i, j, n,   k, s) {
  s = cap(w(i, j))
  for (k = 1; k < n; k++) s = s " " w(i, j + k * 3)
  return s "."
}
function paragraph(i, j,   k, n, s) {
  n = 3 + (i + j) % 3
  s = ""
  for (k = 0; k < n; k++) s = s (k ? " " : "") sentence(i, j * 11 + k * 5, 8 + (i + k) % 7)
  return s
}
function pad(n, width,   s) { s = n ""; while (length(s) < width) s = "0" s; return s }
function pslug(n) { return "page-" pad(n, 5) }
function dept(n) { return DEPTS[n % 20] }
function deptslug(s) { s = tolower(s); gsub(/[^a-z0-9]+/, "-", s); sub(/^-/, "", s); sub(/-$/, "", s); return s }
function q(s) { gsub(/"/, "\\\"", s); return "\"" s "\"" }
# A free page body: 3-6 paragraphs, a heading, a list, emphasis and 1-2 links.
# kind "e" writes Engage links ([x](page-00042.md)), "h" Hugo links ([x](../page-00042/)).
function pagebody(i, kind,   n, p, s, t1, t2, k, items, para) {
  n = 3 + i % 4
  t1 = (i * 37 + 11) % PAGES + 1
  t2 = (i * 53 + 5) % PAGES + 1
  s = paragraph(i, 0) "\n\n## " cap(w(i, 2)) " " w(i, 5) " and " w(i, 9) "\n\n"
  for (p = 1; p < n; p++) {
    para = paragraph(i, p)
    if (p == 1) para = para " See *" w(i, 4) "* in " link("the " w(t1, 1) " page", t1, kind) "."
    if (p == 2 && i % 2 == 0) para = para " Also read **" w(i, 6) "** and " link("this guide", t2, kind) "."
    s = s para "\n\n"
    if (p == 1) {
      items = 3 + i % 3
      for (k = 0; k < items; k++) s = s "- " sentence(i, 40 + k, 4 + k % 3) "\n"
      s = s "\n"
    }
  }
  return s
}
function link(text, n, kind) { return "[" text "](" (kind == "e" ? pslug(n) ".md" : "../" pslug(n) "/") ")" }
function title(i, j) { return cap(w(i, j)) " " w(i, j + 1) " " w(i, j + 2) }
BEGIN {
  NW = split("people team support career growth wellbeing feedback coaching recognition learning " \
             "mentoring pathway level review goal check-in engagement survey culture value " \
             "inclusion belonging flexible hybrid onboarding policy benefit leave pay progression " \
             "skill competency manager colleague customer patient service quality training safety " \
             "trust respect ownership clarity balance impact outcome effort priority planning " \
             "listening meeting rota shift workload delivery standard practice habit routine journey", WW, " ")
  for (k = 1; k <= NW; k++) WORDS[k - 1] = WW[k]
  split("Patient Access,Customer Care,Quality & Training,Finance,People Operations,Digital Services," \
        "Clinical Liaison,Billing,Facilities,Procurement,Legal & Compliance,Data & Insight,Marketing," \
        "Communications,Research,Pharmacy,Estates,IT Support,Outpatients,Community Care", DD, ",")
  for (k = 1; k <= 20; k++) DEPTS[k - 1] = DD[k]
  split("Craft,People,Impact", THEMES, ",")
  NF_ = split("Customer Experience,Operations,Engineering,Clinical,Corporate,Leadership,Data,Finance,People,Digital", FAM, ",")
  split("Northern,Southern,Eastern,Western,Central", REG, ",")

  # Values: value-01 .. value-NN
  for (i = 1; i <= VALUES; i++) {
    slug = "value-" pad(i, 2); t = title(i, 60)
    f = E "/values/" slug ".md"; g = H "/values/" slug ".md"
    body = paragraph(i, 1) "\n\n" paragraph(i, 2) "\n"
    printf "---\ntitle: %s\nsummary: %s\norder: %d\nbehaviours:\n  - %s\n  - %s\n  - %s\n---\n%s", \
      q(t), q(sentence(i, 3, 12)), i, q(sentence(i, 4, 6)), q(sentence(i, 5, 7)), q(sentence(i, 6, 8)), body > f
    close(f)
    printf "---\ntitle: %s\ndescription: %s\n---\n- %s\n- %s\n- %s\n\n%s", \
      q(t), q(sentence(i, 3, 12)), sentence(i, 4, 6), sentence(i, 5, 7), sentence(i, 6, 8), body > g
    close(g)
  }

  # Pathways: p-001 .. p-NNN, 3 levels and 4 competencies each, one move to the next pathway.
  for (i = 1; i <= PATHWAYS; i++) {
    # A number in the title: two pathways with one title are a warning (NameClashes).
    slug = "p-" pad(i, 3); t = title(i, 70) " " i; fam = FAM[i % NF_ + 1]
    v1 = "value-" pad(i % VALUES + 1, 2); v2 = "value-" pad((i * 7) % VALUES + 1, 2)
    f = E "/pathways/" slug ".md"; g = H "/pathways/" slug ".md"
    body = paragraph(i, 7) "\n"
    fm = "---\ntitle: " q(t) "\nfamily: " q(fam) "\nsummary: " q(sentence(i, 8, 10)) "\nvalues: [" v1 (v2 != v1 ? ", " v2 : "") "]\nlevels:\n"
    hb = "## Levels\n\n"
    for (l = 1; l <= 3; l++) {
      LT[l] = cap(w(i, 80 + l)) " " (l == 1 ? "Associate" : l == 2 ? "Specialist" : "Lead")
      fm = fm "  - id: l" l "\n    title: " q(LT[l]) "\n    summary: " q(sentence(i, 90 + l, 9)) "\n"
      hb = hb "- [" LT[l] "](../../levels/" slug "-l" l "/)\n"
    }
    fm = fm "competencies:\n"
    hb = hb "\n## Competencies\n\n| Competency | L1 | L2 | L3 |\n|---|---|---|---|\n"
    for (c = 1; c <= 4; c++) {
      CN[c] = cap(w(i, 100 + c)) " " w(i, 104 + c)
      fm = fm "  - id: c" c "\n    name: " q(CN[c]) "\n    theme: " THEMES[c % 3 + 1] "\n    expectations:\n"
      row = "| " CN[c]
      for (l = 1; l <= 3; l++) {
        EX[c, l] = ""
        if (l == 2 && (i + c) % 3 == 0) { row = row " | (unchanged)"; continue }   # exercises "unchanged"
        EX[c, l] = sentence(i, 110 + c * 3 + l, 10)
        fm = fm "      l" l ": " q(EX[c, l]) "\n"
        row = row " | " EX[c, l]
      }
      hb = hb row " |\n"
    }
    nxt = "p-" pad(i % PATHWAYS + 1, 3)
    if (PATHWAYS > 1) fm = fm "moves:\n  - to: " nxt "\n    from_level: l2\n    to_level: l1\n    note: " q(sentence(i, 130, 9)) "\n"
    printf "%s---\n%s", fm, body > f
    close(f)
    printf "---\ntitle: %s\ndescription: %s\n---\n%s\n%s", q(t), q(sentence(i, 8, 10)), hb, body > g
    close(g)
    for (l = 1; l <= 3; l++) {
      g = H "/levels/" slug "-l" l ".md"
      printf "---\ntitle: %s\ndescription: %s\n---\n## Expectations\n\n", q(LT[l] " · " t), q(sentence(i, 90 + l, 9)) > g
      for (c = 1; c <= 4; c++) {
        e = EX[c, l]; if (e == "" && l > 1) e = EX[c, l - 1] " (unchanged)"
        printf "- **%s**: %s\n", CN[c], e > g
      }
      close(g)
    }
  }

  # Teams: team-001 .. team-NNN in 20 departments, 1-2 pathways each.
  for (i = 1; i <= TEAMS; i++) {
    slug = "team-" pad(i, 3); nm = cap(w(i, 140)) " " w(i, 141) " " i; d = dept(i)
    hc = 5 + (i * 13) % 40
    pa = "p-" pad(i % PATHWAYS + 1, 3); pb = "p-" pad((i * 7 + 3) % PATHWAYS + 1, 3)
    f = E "/teams/" slug ".md"; g = H "/teams/" slug ".md"
    body = paragraph(i, 12) "\n\n" paragraph(i, 13) "\n"
    printf "---\nname: %s\nsummary: %s\nlead: %s\ndepartment: %s\nregion: %s\nheadcount: %d\npathways: [%s]\n---\n%s", \
      q(nm), q(sentence(i, 14, 10)), q(cap(w(i, 150)) " " cap(w(i, 151))), q(d), q(REG[i % 5 + 1]), hc, \
      pa (pb != pa ? ", " pb : ""), body > f
    close(f)
    printf "---\ntitle: %s\ndescription: %s\n---\n- Lead: %s\n- Department: [%s](../../departments/%s/)\n- Region: %s\n- Headcount: %d\n\n## Pathways\n\n- [%s](../../pathways/%s/)\n%s\n%s", \
      q(nm), q(sentence(i, 14, 10)), cap(w(i, 150)) " " cap(w(i, 151)), d, deptslug(d), REG[i % 5 + 1], hc, pa, pa, \
      (pb != pa ? "- [" pb "](../../pathways/" pb "/)\n" : ""), body > g
    close(g)
    DT[i % 20] = DT[i % 20] "- [" nm "](../../teams/" slug "/)\n"
  }
  # Hugo has no derived department pages: write them as content.
  for (k = 0; k < 20 && k < TEAMS; k++) {
    g = H "/departments/" deptslug(DEPTS[k]) ".md"
    printf "---\ntitle: %s\n---\n## Teams\n\n%s", q(DEPTS[k]), DT[k] > g
    close(g)
  }

  # Free pages.
  for (i = 1; i <= PAGES; i++) {
    slug = pslug(i); t = title(i, 20) " " i
    f = E "/pages/" slug ".md"; g = H "/pages/" slug ".md"
    printf "---\ntitle: %s\nsummary: %s\n---\n%s", q(t), q(sentence(i, 30, 12)), pagebody(i, "e") > f
    close(f)
    printf "---\ntitle: %s\ndescription: %s\n---\n%s", q(t), q(sentence(i, 30, 12)), pagebody(i, "h") > g
    close(g)
  }
}
AWK
  for s in values pathways levels teams departments pages; do
    printf -- '---\ntitle: %s\n---\n' "${s^}" > "$HUGO_SRC/content/$s/_index.md"
  done
  printf -- '---\ntitle: Benchmark People Hub\n---\nValues, career pathways and teams.\n' > "$HUGO_SRC/content/_index.md"
  mkdir -p "$HUGO_SRC/static"
  cp "$REPO/templates/style.css" "$HUGO_SRC/static/style.css" 2>/dev/null || : > "$HUGO_SRC/static/style.css"
}

# ---------------------------------------------------------------------------------------------
# 2. Timing helpers
# ---------------------------------------------------------------------------------------------
# time_cmd LOGFILE CMD...: runs CMD, appends its output to LOGFILE, prints "SECONDS MAXRSS_KB".
time_cmd() {
  local log=$1; shift
  local tf; tf=$(mktemp)
  if ! /usr/bin/time -f '%e %M' -o "$tf" "$@" >> "$log" 2>&1; then
    cat "$tf" >> "$log"
    echo "bench.sh: command failed: $* (see $log)" >&2; tail -5 "$log" >&2; rm -f "$tf"; exit 1
  fi
  tail -1 "$tf"; rm -f "$tf"
}
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

declare -A RESULT RSS
# measure NAME PREPARE_FN CMD...: RUNS runs of CMD, PREPARE_FN before each (gets the run number);
# "@RUN@" in an argument is replaced by the run number.
measure() {
  local name=$1 prep=$2; shift 2
  local times=() rss=() r out n=$RUNS
  case $name in *_warm|*_edit) n=${WARM_RUNS:-$RUNS} ;; esac
  for ((r = 1; r <= n; r++)); do
    "$prep" "$r"
    echo "### $name run $r" >> "$LOG/$name.log"
    out=$(time_cmd "$LOG/$name.log" "${@//@RUN@/$r}")
    times+=("${out% *}"); rss+=("${out#* }")
    printf '  %-22s run %d: %6ss  (max RSS %d MB)\n' "$name" "$r" "${out% *}" $(( ${out#* } / 1024 ))
  done
  RESULT[$name]=$(median "${times[@]}")
  RSS[$name]=$(median "${rss[@]}")
}

no_prep() { :; }
# Before a cold run: no output folder yet (a fresh name per run, see the header), no Hugo cache,
# dirty pages flushed.
engage_cold_prep() { sync; }
hugo_cold_prep() { rm -rf "$HUGO_SRC/resources" "$HUGO_SRC/.hugo_build.lock"; sync; }
# Warm and edit runs continue in the last cold run's folder.
keep_last_cold() { mv "$1.cold-$RUNS" "$1"; }
# Edit one page: append a line that differs per run, so exactly one page's output changes.
EDIT_PAGE=pages/page-00042.md
engage_edit() { printf '\nEdited in benchmark run %d.\n' "$1" >> "$ENGAGE_SRC/content/$EDIT_PAGE"; }
hugo_edit() { printf '\nEdited in benchmark run %d.\n' "$1" >> "$HUGO_SRC/content/$EDIT_PAGE"; }

# ---------------------------------------------------------------------------------------------
# 3. Run
# ---------------------------------------------------------------------------------------------
echo "Generating $PAGES pages, $TEAMS teams, $PATHWAYS pathways, $VALUES values into $BENCH ..."
gen_start=$(date +%s%N)
generate
printf 'Generated %d Engage and %d Hugo source files in %d ms\n' \
  "$(find "$ENGAGE_SRC/content" -type f | wc -l)" "$(find "$HUGO_SRC/content" -type f | wc -l)" \
  $(( ($(date +%s%N) - gen_start) / 1000000 ))
[ -n "${GENERATE_ONLY:-}" ] && exit 0

ENGAGE=""
if [ -n "${SKIP_ENGAGE:-}" ]; then
  :
elif [ -n "${ENGAGE_BIN:-}" ]; then
  ENGAGE=$ENGAGE_BIN
else
  echo "Building engage (swift build -c release --product engage) in $REPO ..."
  (cd "$REPO" && swift build -c release --product engage >> "$LOG/swift-build.log" 2>&1) \
    || { echo "bench.sh: swift build failed; see $LOG/swift-build.log" >&2; tail -20 "$LOG/swift-build.log" >&2; exit 1; }
  ENGAGE=$(cd "$REPO" && swift build -c release --product engage --show-bin-path)/engage
fi
[ -z "${SKIP_ENGAGE:-}" ] && { [ -x "$ENGAGE" ] || { echo "bench.sh: no engage binary at $ENGAGE" >&2; exit 1; }; }

HUGO=""
if [ -z "${SKIP_HUGO:-}" ]; then
  if command -v hugo > /dev/null; then HUGO=$(command -v hugo); else echo "hugo not found: timing Engage only (apt-get install -y hugo)"; fi
fi

echo "Timing ($RUNS runs each, median reported) ..."
if [ -n "$ENGAGE" ]; then
  measure engage_cold engage_cold_prep "$ENGAGE" build --source "$ENGAGE_SRC" --output "$ENGAGE_OUT.cold-@RUN@"
  keep_last_cold "$ENGAGE_OUT"
  measure engage_warm no_prep      "$ENGAGE" build --source "$ENGAGE_SRC" --output "$ENGAGE_OUT"
  # The first edit after a build into a new folder loads the site (there is no work folder beside
  # the output yet, see docs/performance.md, "Body edits"); the edits after it only put the page's
  # text in place. One run of the first, then the usual runs.
  RUNS=1 WARM_RUNS=1 measure engage_first_edit engage_edit "$ENGAGE" build --source "$ENGAGE_SRC" --output "$ENGAGE_OUT"
  measure engage_edit engage_edit  "$ENGAGE" build --source "$ENGAGE_SRC" --output "$ENGAGE_OUT"
fi
if [ -n "$HUGO" ]; then
  measure hugo_cold hugo_cold_prep "$HUGO" --quiet -s "$HUGO_SRC" -d "$HUGO_OUT.cold-@RUN@"
  keep_last_cold "$HUGO_OUT"
  measure hugo_warm no_prep    "$HUGO" --quiet -s "$HUGO_SRC" -d "$HUGO_OUT"
  measure hugo_edit hugo_edit  "$HUGO" --quiet -s "$HUGO_SRC" -d "$HUGO_OUT"
fi

echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
if [ -n "$ENGAGE" ]; then
  e_html=$(find "$ENGAGE_OUT" -name '*.html' | wc -l); e_size=$(du -sm "$ENGAGE_OUT" | cut -f1)
  echo "Engage:  $ENGAGE (repo $REPO at $(cd "$REPO" && git rev-parse --short HEAD 2>/dev/null || echo '?')$(cd "$REPO" && [ -n "$(git status --porcelain -- Sources 2>/dev/null)" ] && echo ', with uncommitted Sources changes'))"
  echo "         output: $e_html HTML pages, $e_size MB"
  echo "         phases (load, render, write) of each build: $LOG/engage_*.log; last: $(grep -o '(load.*)' "$LOG/engage_edit.log" | tail -1)"
fi
if [ -n "$HUGO" ]; then
  h_html=$(find "$HUGO_OUT" -name '*.html' | wc -l); h_size=$(du -sm "$HUGO_OUT" | cut -f1)
  echo "Hugo:    $("$HUGO" version)"
  echo "         output: $h_html HTML pages, $h_size MB"
fi
echo
printf '| %-28s | %12s | %12s | %13s |\n' "Build (median of $RUNS)" "Engage (s)" "Hugo (s)" "Engage / Hugo"
printf '|%s|%s|%s|%s|\n' "------------------------------" "--------------" "--------------" "---------------"
row() {
  local ratio
  ratio=$(awk -v e="${RESULT[$2]:-}" -v h="${RESULT[$3]:-}" 'BEGIN { if (e != "" && h > 0) printf "%.2f", e / h; else print "-" }')
  printf '| %-28s | %12s | %12s | %13s |\n' "$1" "${RESULT[$2]:--}" "${RESULT[$3]:--}" "$ratio"
}
row "cold (empty output)" engage_cold hugo_cold
row "warm (no change)" engage_warm hugo_warm
row "first edit, new folder (1)" engage_first_edit hugo_edit
row "one page edited" engage_edit hugo_edit
echo
printf '| %-28s | %12s | %12s | %13s |\n' "peak memory, cold (MB)" "$(( ${RSS[engage_cold]:-0} / 1024 ))" "$(( ${RSS[hugo_cold]:-0} / 1024 ))" \
  "$(awk -v e="${RSS[engage_cold]:-}" -v h="${RSS[hugo_cold]:-}" 'BEGIN { if (e != "" && h > 0) printf "%.2f", e / h; else print "-" }')"
echo
printf 'Peak RSS (MB, median):'
[ -n "$ENGAGE" ] && printf ' engage cold %d, warm %d;' $(( RSS[engage_cold] / 1024 )) $(( RSS[engage_warm] / 1024 ))
[ -n "$HUGO" ] && printf ' hugo cold %d, warm %d' $(( RSS[hugo_cold] / 1024 )) $(( RSS[hugo_warm] / 1024 ))
echo
echo "Logs: $LOG"
