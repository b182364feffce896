#!/usr/bin/env bash
# Installs everything Randnotiz needs, idempotently, so that `make run` and `make test` work on a
# fresh clone. A second run only checks what is already there.
#   scripts/setup.sh deps     Python packages, Debian packages, htmx and axe-core (npm)
#   scripts/setup.sh app      deps + migrate + dictionary import + seed articles
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-app}"
say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

find_python() {
  local candidates=(python3.13 python3.12 python3)
  local root
  root="$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")"
  for v in "$root"/versions/3.1[2-9]*/bin/python3; do [ -x "$v" ] && candidates+=("$v"); done
  for c in "${candidates[@]}"; do
    if command -v "$c" >/dev/null 2>&1 && "$c" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
      command -v "$c"; return 0
    fi
  done
  return 1
}

# --- Debian packages: the Ding dictionary, OpenThesaurus and the browser for the browser tests
apt_packages=()
[ -f /usr/share/trans/de-en ] || apt_packages+=(trans-de-en)
# OpenThesaurus: the synonyms of quiz paraphrases (bench/build_synonyms.py rebuilds
# reader/quiz/data/synonyms.txt from it and Ding; the app reads only that file).
[ -f /usr/share/openthesaurus-de/openthesaurus.txt ] || apt_packages+=(openthesaurus-de-text)
[ -x /usr/bin/chromium ] || apt_packages+=(chromium)
if [ ${#apt_packages[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    say "installing Debian packages: ${apt_packages[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${apt_packages[@]}" >/dev/null
  else
    say "WARNING: apt-get is not available; please install these yourself: ${apt_packages[*]}"
    say "  trans-de-en is the Ding German-English dictionary (/usr/share/trans/de-en);"
    say "  without it words get no English gloss. Point RANDNOTIZ_DING at a copy of de-en instead."
  fi
fi

# --- Python ----------------------------------------------------------------------------------
if [ ! -x .venv/bin/python ]; then
  py="$(find_python)" || { say "ERROR: Randnotiz needs Python 3.12 or newer; none was found (tried python3.13, python3.12, python3, pyenv versions)."; exit 1; }
  say "creating .venv with $py"
  "$py" -m venv .venv
fi
stamp=.venv/.randnotiz-installed
# german-nouns (gender and plural for the dictionary import) without its dependencies: see the
# comment in pyproject.toml.
german_nouns="german-nouns==1.2.5"
want="$( (cat pyproject.toml; echo "$german_nouns") | sha256sum | cut -c1-16)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  say "installing Python packages"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[test,bench,dev]"
  .venv/bin/python -m pip install -q --no-deps "$german_nouns"
  echo "$want" > "$stamp"
fi

# --- npm packages: htmx (served to browsers) and axe-core (tests/test_accessibility.py) -------
if [ ! -f node_modules/htmx.org/dist/htmx.min.js ] || [ ! -f node_modules/axe-core/axe.min.js ]; then
  if command -v npm >/dev/null 2>&1; then
    say "installing htmx and axe-core from npm"
    npm install --no-audit --no-fund --silent
  else
    say "WARNING: npm is not available; pages work without htmx, but saving words and quizzes need it."
    say "  tests/test_accessibility.py needs axe-core from npm too."
  fi
fi

[ "$what" = "deps" ] && exit 0

# --- Database, dictionary, seed articles ----------------------------------------------------
say "migrating the database"
.venv/bin/python manage.py migrate --noinput -v 0
# Password-reset mail limits keep their counters in the database cache (accounts/reset_limits.py).
.venv/bin/python manage.py createcachetable -v 0
.venv/bin/python manage.py import_ding
.venv/bin/python manage.py load_seeds
# Articles stored by an older pipeline are annotated again; saved words and progress stay.
.venv/bin/python manage.py reannotate
