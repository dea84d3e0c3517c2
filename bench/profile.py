"""Summarise py-spy's collapsed stacks (``--profile``): where the server's time goes.

``python -m bench.profile bench/work/profiles/item.txt [--top 30] [--match ningxia_portal]``
prints each function's inclusive share of the sampled (non-idle) time, highest first.
"""

import argparse
import re
from collections import Counter

_FRAME = re.compile(r"^(?P<func>.*?) \((?P<file>[^()]*?)(?::\d+)?\)$")


def shorten(path):
    for marker in ("site-packages/", "src/", "lib/python3.11/"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


def inclusive(lines):
    """({function: samples it or its callees were on CPU}, total samples)."""
    totals, total = Counter(), 0
    for line in lines:
        stack, _, count = line.rstrip().rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        total += n
        seen = set()
        for frame in stack.split(";"):
            m = _FRAME.match(frame)
            if not m:
                continue
            key = f"{m['func']} ({shorten(m['file'])})"
            if key not in seen:  # recursion counts once
                seen.add(key)
                totals[key] += n
    return totals, total


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profile")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--match", default="", help="only functions whose file contains this")
    args = parser.parse_args(argv)
    with open(args.profile, encoding="utf-8") as f:
        totals, total = inclusive(f)
    shown = [(k, v) for k, v in totals.most_common() if args.match in k][: args.top]
    for key, samples in shown:
        print(f"{samples / total:6.1%}  {key}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
