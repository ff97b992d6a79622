#!/usr/bin/env bash
# The main job on the embedded default (SQLite, no server): ingest the bundled sample
# (and the shared corpus slice when it sits beside the checkout), list and show, and write the static mirror.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
db=${DB:-archive.db}
inputs=(src/hemeroteca/sample)
[ -d ../shared/corpus/mia-reader/_pages/archive/connolly ] && inputs+=(../shared/corpus/mia-reader/_pages/archive/connolly)
.venv/bin/hemeroteca ingest "${inputs[@]}" --db "$db"
.venv/bin/hemeroteca list --db "$db" --periodical "New International"
.venv/bin/hemeroteca show sample/seeds/trotsky-cable-1936 --db "$db" --format text
.venv/bin/hemeroteca export site site --db "$db"
echo "static mirror in site/ (open site/index.html); serve the archive with: .venv/bin/hemeroteca serve --db $db"
