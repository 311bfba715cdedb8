#!/usr/bin/python3
"""Convert raw NYC TLC taxi trip records into the MlOps tip-schema CSV.

Standard library only. Usage:

    /usr/bin/python3 tests/data/real/convert_tlc.py OUT.csv RAW1.csv [RAW2.csv ...]

With no arguments it rebuilds tests/data/real/nyc_tlc_tips.csv from the
extracts listed in RAW_FILES below (the files in tests/data/real/raw/).

Input: any TLC yellow/green trip CSV layout that has a pickup and dropoff
timestamp (tpep_*, lpep_* or plain pickup_datetime/dropoff_datetime),
trip_distance, PULocationID, DOLocationID, payment_type, fare_amount and
tip_amount. Column names are matched case-insensitively; extra columns are
ignored. Several timestamp spellings seen in re-exported TLC files are
accepted (ISO, US m/d/Y H:M as written by spreadsheets, "2019 Jan 29 02:13:01 PM").

Output columns (in this order):
    trip_month, trip_day, trip_day_of_week (1=Mon..7=Sun), trip_hour   from pickup
    trip_duration   minutes, dropoff - pickup
    trip_distance   miles as given
    payment_type    TLC integer code as given (1=credit card, 2=cash, ...)
    pickup_zone, dropoff_zone   PULocationID / DOLocationID as given
    tip_bin         1 if tip_amount >= 0.2 * fare_amount else 0 (exact decimal compare)

Rows are dropped (and counted on stderr) when fare_amount <= 0, when a
required field is blank or unparseable, or when dropoff is before pickup.
Row order follows the inputs; nothing is generated, deduplicated or resampled.
"""

import csv
import sys
from collections import Counter
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

HERE = Path(__file__).resolve().parent
RAW_FILES = [
    "raw/DDHub2021_dl2db__yellow_tripdata_2020-01.csv",
    "raw/EimanteZemyteVU_Taxi__yellow_tripdata_2019-01.csv",
    "raw/josephinezhou716__yellow_tripdata_2019-01.csv",
]
DEFAULT_OUT = "nyc_tlc_tips.csv"

OUT_COLUMNS = [
    "trip_month", "trip_day", "trip_day_of_week", "trip_hour",
    "trip_duration", "trip_distance", "payment_type",
    "pickup_zone", "dropoff_zone", "tip_bin",
]

# Candidate source names per logical field (lower-case).
FIELDS = {
    "pickup": ["tpep_pickup_datetime", "lpep_pickup_datetime", "pickup_datetime"],
    "dropoff": ["tpep_dropoff_datetime", "lpep_dropoff_datetime", "dropoff_datetime"],
    "distance": ["trip_distance"],
    "pu": ["pulocationid"],
    "do": ["dolocationid"],
    "payment": ["payment_type"],
    "fare": ["fare_amount"],
    "tip": ["tip_amount"],
}

TIME_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y, %I:%M:%S %p",
    "%Y %b %d %I:%M:%S %p",
]


def parse_time(text):
    text = text.strip()
    for fmt in TIME_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise ValueError(f"unrecognised timestamp {text!r}")


def resolve_columns(header):
    lower = {name.strip().lower(): i for i, name in enumerate(header)}
    index = {}
    for field, candidates in FIELDS.items():
        for cand in candidates:
            if cand in lower:
                index[field] = lower[cand]
                break
        else:
            raise SystemExit(f"input has no column for {field} (looked for {candidates}); header={header}")
    return index


def fmt_number(value):
    """Plain decimal text without exponent or redundant zeros ('.60' -> '0.6', '7.00' -> '7')."""
    text = format(value.normalize(), "f")
    return text if text not in ("-0",) else "0"


def convert_row(row, idx):
    """Return the output row, or raise ValueError with a short reason."""
    def field(name):
        value = row[idx[name]].strip() if idx[name] < len(row) else ""
        if value == "":
            raise ValueError(f"blank {name}")
        return value

    try:
        fare = Decimal(field("fare"))
        tip = Decimal(field("tip"))
        distance = Decimal(field("distance"))
        payment = Decimal(field("payment"))
        pu = Decimal(field("pu"))
        do = Decimal(field("do"))
    except InvalidOperation:
        raise ValueError("unparseable number")
    if fare <= 0:
        raise ValueError("fare <= 0")
    pickup = parse_time(field("pickup"))
    dropoff = parse_time(field("dropoff"))
    seconds = (dropoff - pickup).total_seconds()
    if seconds < 0:
        raise ValueError("dropoff before pickup")
    for code in (payment, pu, do):
        if code != code.to_integral_value():
            raise ValueError("non-integer code")
    duration = Decimal(seconds) / Decimal(60)
    return [
        str(pickup.month),
        str(pickup.day),
        str(pickup.isoweekday()),
        str(pickup.hour),
        fmt_number(duration.quantize(Decimal("0.01"))),
        fmt_number(distance),
        str(int(payment)),
        str(int(pu)),
        str(int(do)),
        "1" if tip >= Decimal("0.2") * fare else "0",
    ]


def convert(inputs, out_path):
    kept = 0
    labels = Counter()
    dropped = Counter()
    with open(out_path, "w", newline="", encoding="utf-8") as out_file:
        writer = csv.writer(out_file, lineterminator="\n")
        writer.writerow(OUT_COLUMNS)
        for path in inputs:
            file_kept = 0
            with open(path, newline="", encoding="utf-8-sig") as in_file:
                reader = csv.reader(in_file)
                header = next(reader)
                idx = resolve_columns(header)
                for row in reader:
                    if not row or all(cell.strip() == "" for cell in row):
                        continue
                    try:
                        out = convert_row(row, idx)
                    except ValueError as exc:
                        reason = str(exc)
                        if reason.startswith("unrecognised timestamp"):
                            reason = "unrecognised timestamp"
                        dropped[reason] += 1
                        continue
                    writer.writerow(out)
                    labels[out[-1]] += 1
                    kept += 1
                    file_kept += 1
            print(f"{path}: kept {file_kept}", file=sys.stderr)
    total = sum(dropped.values())
    print(f"wrote {kept} rows to {out_path}; dropped {total} {dict(dropped)}", file=sys.stderr)
    if kept:
        print(f"tip_bin=1: {labels['1']} ({labels['1'] / kept:.1%}), tip_bin=0: {labels['0']}", file=sys.stderr)
    return kept


def main(argv):
    if len(argv) == 1:
        inputs = [HERE / p for p in RAW_FILES]
        out_path = HERE / DEFAULT_OUT
    elif len(argv) >= 3:
        out_path, inputs = argv[1], argv[2:]
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0 if convert(inputs, out_path) > 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
