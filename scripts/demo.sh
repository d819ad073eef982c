#!/usr/bin/env bash
# Set up ondit and run it on the bundled sample articles into an embedded SQLite database.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

db=ondit.db
out=exports
mkdir -p "$out"
.venv/bin/ondit run samples/articles/ --db "sqlite:///$db"
.venv/bin/ondit export --db "sqlite:///$db" --format jsonl --output "$out/mentions.jsonl"
.venv/bin/ondit export --db "sqlite:///$db" --format events --output "$out/events.jsonl"
.venv/bin/ondit export --db "sqlite:///$db" --format csv --output "$out/events_acled.csv"
.venv/bin/ondit export --db "sqlite:///$db" --format geojson --output "$out/events.geojson"
.venv/bin/ondit eval samples/gold.jsonl "$out/mentions.jsonl"

cat <<MSG

Database: $PWD/$db
Exports:  $PWD/$out/ (mentions.jsonl, events.jsonl, events_acled.csv, events.geojson)
Look further:
  .venv/bin/ondit --help                        every command
  .venv/bin/ondit serve --db sqlite:///$db      the web page and REST API at http://127.0.0.1:8000/
  .venv/bin/ondit extract YOUR_ARTICLES/ --output mentions.jsonl
  sqlite3 $db 'select doc_id, sub_event_type, date, location, claim_status from mentions'
MSG
