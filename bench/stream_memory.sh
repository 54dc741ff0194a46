#!/bin/bash
# Peak memory of `winnow --jsonl` on a JSON Lines stream of the ScrapingHub
# pages repeated to SIZE bytes, at two sizes (issue #5: memory independent
# of the stream's length).  The stream is generated on the fly, so nothing
# is written to disk.
#
#   bench/stream_memory.sh [WINNOW] [CORPUS] [SIZES...]
#   default: build/winnow ../shared/bench/scrapinghub 100M 1G
set -euo pipefail
winnow=${1:-build/winnow}
corpus=${2:-../shared/bench/scrapinghub}
shift 2 || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100M 1G)
for size in "${sizes[@]}"; do
	python3 - "$corpus" "$size" <<'PY' |
import glob, gzip, json, os, sys
corpus, size = sys.argv[1], sys.argv[2]
mult = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
limit = int(size[:-1]) * mult[size[-1]] if size[-1] in mult else int(size)
pages = sorted(glob.glob(os.path.join(corpus, "html", "*.html.gz")) or
               glob.glob(os.path.join(corpus, "*.html*")))
lines = []
for p in pages:
    raw = gzip.open(p).read() if p.endswith(".gz") else open(p, "rb").read()
    lines.append((json.dumps({"url": "https://example.org/" + os.path.basename(p),
                              "html": raw.decode("utf-8", "replace")}) + "\n").encode())
out, done, i = sys.stdout.buffer, 0, 0
while done < limit:
    line = lines[i % len(lines)]
    out.write(line)
    done += len(line)
    i += 1
sys.stderr.write(f"{size}: {i} records, {done} bytes\n")
PY
	/usr/bin/time -f "$size: peak RSS %M KiB, %e s" "$winnow" --jsonl >/dev/null
done
