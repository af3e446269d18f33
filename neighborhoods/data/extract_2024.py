"""Extract the 2024 map (in force until 30 June 2025) into divisions-2024.csv.gz.

Run once, by hand, from the nested JSON of the `vietnam-provinces` 0.6.0 wheel
(`pip download --no-deps vietnam-provinces==0.6.0`, unzip, then
`python neighborhoods/data/extract_2024.py path/to/nested-divisions.json`).
The package's current release carries only the two-level map of 1 July 2025.
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
from pathlib import Path

OUT = Path(__file__).with_name("divisions-2024.csv.gz")

# The type word is the start of the official name: "Thành phố Hồ Chí Minh", "Quận Bình Thạnh".
TYPE_WORDS = ["Thành phố", "Tỉnh", "Quận", "Huyện", "Thị xã", "Phường", "Xã", "Thị trấn"]


def type_word(name: str) -> str:
    for word in TYPE_WORDS:
        if name.casefold().startswith(word.casefold() + " "):  # the list writes "Thành Phố" too
            return word
    raise ValueError(f"no type word in {name!r}")


def main(source: str) -> None:
    provinces = json.loads(Path(source).read_text(encoding="utf-8"))
    with gzip.open(OUT, "wt", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["level", "code", "name", "type_word", "parent_code"])
        for province in provinces:
            writer.writerow(["province", province["code"], province["name"], type_word(province["name"]), ""])
            for district in province["districts"]:
                writer.writerow(
                    [
                        "district",
                        district["code"],
                        district["name"],
                        type_word(district["name"]),
                        province["code"],
                    ]
                )
                for ward in district["wards"]:
                    writer.writerow(
                        ["ward", ward["code"], ward["name"], type_word(ward["name"]), district["code"]]
                    )


if __name__ == "__main__":
    main(sys.argv[1])
