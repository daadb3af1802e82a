"""How big the search index is, and how much of it the table of names adds.

    python scripts/search_index_size.py [SITE_DIR]      (default: site/, as `make build` leaves it)

Prints the bytes of search/search_index.json as built and gzipped (as GitHub Pages sends it), the
same without the `home`, `alias` and `spelling` fields (Material's index alone), and the search
helper loaded with it. All of it is fetched only when a reader starts to search.
"""
from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

EXTRA_FIELDS = ("home", "alias", "spelling")


def sizes(data: bytes) -> tuple[int, int]:
    return len(data), len(gzip.compress(data, 9))


def main(site: Path) -> int:
    path = site / "search" / "search_index.json"
    if not path.is_file():
        print(f"{path}: not found; build the site first (make build)", file=sys.stderr)
        return 1
    raw = path.read_bytes()
    index = json.loads(raw)
    plain = {**index, "docs": [{k: v for k, v in doc.items() if k not in EXTRA_FIELDS}
                               for doc in index["docs"]]}
    # written as the search plugin writes it (\u escapes for ä, ß, ...), to compare like with like
    plain_bytes = json.dumps(plain, ensure_ascii=raw.isascii(), separators=(",", ":")).encode()
    helper = site / "assets" / "javascripts" / "search.js"
    rows = [("search index", sizes(raw)), ("  without our three fields", sizes(plain_bytes))]
    if helper.is_file():
        rows.append(("search helper (search.js)", sizes(helper.read_bytes())))
    for name, (size, zipped) in rows:
        print(f"{name:30} {size:>9,} bytes   gzip {zipped:>7,}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("site")))
