"""Parse wrk's summary and write the results of `make bench` as markdown."""

import re
from dataclasses import dataclass, field

from bench.pages import MAX_PASSWORD_VERIFY_MS, MAX_PEAK_RSS_MB, MAX_STARTUP_S, PENDING, Page

_BENCH_LINE = re.compile(r"^BENCH (.*)$", re.MULTILINE)
_PAIR = re.compile(r"(\w+)=(-?[0-9.]+)")
WRK_KEYS = (
    "requests",
    "duration_us",
    "bytes",
    "connect",
    "read",
    "write",
    "timeout",
    "unexpected",
) + ("p50_us", "p90_us", "p99_us", "max_us", "mean_us")

README_START = "<!-- bench:start -->"
README_END = "<!-- bench:end -->"
FINDINGS = "## Findings"


def parse_wrk(text):
    """The numbers ``latency.lua`` prints in ``done()``: {key: int or float}."""
    values = {}
    for line in _BENCH_LINE.findall(text):
        for key, raw in _PAIR.findall(line):
            values[key] = float(raw) if "." in raw else int(raw)
    missing = [k for k in WRK_KEYS if k not in values]
    if missing:
        raise ValueError(f"wrk printed no {', '.join(missing)}; output was:\n{text}")
    return values


@dataclass
class Result:
    """One page's run: throughput, latency and errors, and its ratio to the ceiling."""

    page: Page
    path: str
    requests: int
    seconds: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    errors: int
    ratio: float | None = None
    ratio_of: float | None = None  # requests/s over those of the page ``min_ratio_of`` names
    run: object = field(default=None, repr=False, compare=False)  # what ``verify`` reads

    @property
    def rps(self):
        return self.requests / self.seconds if self.seconds else 0.0

    @classmethod
    def from_wrk(cls, page, path, values):
        socket_errors = sum(values[k] for k in ("connect", "read", "write", "timeout"))
        return cls(
            page=page,
            path=path,
            requests=values["requests"],
            seconds=values["duration_us"] / 1e6,
            p50_ms=values["p50_us"] / 1e3,
            p90_ms=values["p90_us"] / 1e3,
            p99_ms=values["p99_us"] / 1e3,
            max_ms=values["max_us"] / 1e3,
            errors=socket_errors + values["unexpected"],
        )


def merge(results):
    """One result from several runs of the same page (the ceiling, measured first and last):
    requests/s over the total time, mean p50, worst p90/p99/max, all errors."""
    first = results[0]
    return Result(
        page=first.page,
        path=first.path,
        requests=sum(r.requests for r in results),
        seconds=sum(r.seconds for r in results),
        p50_ms=sum(r.p50_ms for r in results) / len(results),
        p90_ms=max(r.p90_ms for r in results),
        p99_ms=max(r.p99_ms for r in results),
        max_ms=max(r.max_ms for r in results),
        errors=sum(r.errors for r in results),
        ratio=1.0,
    )


def combine(results):
    """One result from runs of the same page at the same time (one wrk per app process):
    their requests over the longest run, the request-weighted mean p50 (an approximation:
    wrk reports percentiles, not the latencies), the worst p90/p99/max, all errors."""
    if len(results) == 1:
        return results[0]
    requests = sum(r.requests for r in results)
    first = results[0]
    return Result(
        page=first.page,
        path=first.path,
        requests=requests,
        seconds=max(r.seconds for r in results),
        p50_ms=sum(r.p50_ms * r.requests for r in results) / max(requests, 1),
        p90_ms=max(r.p90_ms for r in results),
        p99_ms=max(r.p99_ms for r in results),
        max_ms=max(r.max_ms for r in results),
        errors=sum(r.errors for r in results),
    )


def apply_ratio_of(results):
    """Set ``ratio_of`` of each page with a ``min_ratio_of`` target, from the results of
    the page it names (left None when that page was not measured in this run)."""
    by_name = {r.page.name: r for r in results}
    for result in results:
        if result.page.min_ratio_of is not None:
            other = by_name.get(result.page.min_ratio_of[0])
            if other is not None and other.rps:
                result.ratio_of = result.rps / other.rps


def page_checks(result):
    """[(target, measured, passed)] for one page: its own targets, and zero errors."""
    page, checks = result.page, []
    if page.ratio is not None and result.ratio is not None:
        checks.append(
            (
                f"≥ {page.ratio:.0%} of the ceiling",
                f"{result.ratio:.0%}",
                result.ratio >= page.ratio,
            )
        )
    if page.p50_ms is not None:
        checks.append(
            (f"p50 ≤ {page.p50_ms:g} ms", f"{result.p50_ms:.1f} ms", result.p50_ms <= page.p50_ms)
        )
    if page.min_rps is not None:
        checks.append((f"≥ {page.min_rps:g}/s", f"{result.rps:.0f}/s", result.rps >= page.min_rps))
    if page.min_ratio_of is not None:
        name, fraction = page.min_ratio_of
        target = f"≥ {fraction:.0%} of {name}"
        if result.ratio_of is None:  # not judged is not passed
            checks.append((target, f"{name} not measured", False))
        else:
            checks.append((target, f"{result.ratio_of:.0%}", result.ratio_of >= fraction))
    checks.append(("0 errors", str(result.errors), result.errors == 0))
    return checks


def verdict(passed, target, measured):
    return "pass" if passed else f"**miss** ({measured}, target {target})"


def _result_cell(result):
    checks = page_checks(result)
    misses = [verdict(ok, t, m) for t, m, ok in checks if not ok]
    if misses:
        return "; ".join(misses)
    targets = [t for t, _, _ in checks if t != "0 errors"]
    return f"pass ({', '.join(targets)})" if targets else "pass (no target)"


def results_table(results):
    """The markdown table of every page, the ceiling first."""
    rows = [
        "| page | path | req/s | p50 ms | p99 ms | errors | ratio | result |",
        "|---|---|--:|--:|--:|--:|--:|---|",
    ]
    for r in results:
        ratio = f"{r.ratio:.0%}" if r.ratio is not None else "—"
        if r.ratio_of is not None:  # a page judged against another page, not the ceiling
            ratio = f"{r.ratio_of:.0%} of {r.page.min_ratio_of[0]}"
        rows.append(
            f"| {r.page.name} | `{r.path}` | {r.rps:,.0f} | {r.p50_ms:.1f} | {r.p99_ms:.1f} "
            f"| {r.errors} | {ratio} | {_result_cell(r)} |"
        )
    return "\n".join(rows)


def server_line(server):
    line = (
        f"Server: peak RSS **{server['peak_rss_mb']:.0f} MB**, "
        f"start-up **{server['startup_s']:.2f} s** (process start to first 200 on `/`)"
    )
    if server.get("password_verify_ms") is not None:
        line += f"; one argon2id verification **{server['password_verify_ms']:.0f} ms**"
    return line + "."


def targets_table(results, server, dataset):
    """The speed targets with pass/miss, including those not measurable yet."""
    rows = ["| target | measured | result |", "|---|---|---|"]
    for r in results:
        for target, measured, ok in page_checks(r):
            if target != "0 errors":
                rows.append(
                    f"| {r.page.name} {target} | {measured} | {verdict(ok, target, measured)} |"
                )
    errors = sum(r.errors for r in results)
    rows.append(f"| 0 errors on every page | {errors} | {verdict(errors == 0, '0', errors)} |")
    startup = f"{server['startup_s']:.2f} s"
    ok = server["startup_s"] <= MAX_STARTUP_S
    rows.append(f"| start-up ≤ {MAX_STARTUP_S:g} s | {startup} | {verdict(ok, '≤ 3 s', startup)} |")
    filings = dataset.get("totals", {}).get("filings", 0)
    rss = f"{server['peak_rss_mb']:.0f} MB"
    ok = server["peak_rss_mb"] <= MAX_PEAK_RSS_MB
    result = verdict(ok, f"≤ {MAX_PEAK_RSS_MB:g} MB", rss)
    if filings < 1_000_000:
        result += f" at this dataset ({filings:,} filings; the target is for 1,000,000)"
    rows.append(
        f"| server memory ≤ {MAX_PEAK_RSS_MB:g} MB with 1,000,000 filings | {rss} | {result} |"
    )
    if server.get("password_verify_ms") is not None:
        verify = f"{server['password_verify_ms']:.0f} ms"
        ok = server["password_verify_ms"] < MAX_PASSWORD_VERIFY_MS
        target = f"< {MAX_PASSWORD_VERIFY_MS:g} ms"
        rows.append(
            f"| one password verification {target} | {verify} | {verdict(ok, target, verify)} |"
        )
    for page, target, lands_with in PENDING:
        rows.append(f"| {page} {target} | — | not measurable yet: lands with {lands_with} |")
    return "\n".join(rows)


def environment_lines(env):
    return "\n".join(f"- {key}: {value}" for key, value in env.items())


def render_results(date, results, server, dataset, env, findings=None):
    """The whole results file; ``findings`` (kept from an earlier run of the day) goes last."""
    parts = [
        f"# Benchmark results {date}",
        "",
        "Written by `make bench` (bench/run.py); the ratio is a page's requests/s over the "
        "ceiling's (`@@ceiling`: one persistent object, a tiny Jinja2 template) in the same run.",
        "",
        results_table(results),
        "",
        server_line(server),
        "",
        "## Targets",
        "",
        targets_table(results, server, dataset),
        "",
        "## Environment",
        "",
        environment_lines(env),
        "",
    ]
    text = "\n".join(parts)
    if findings:
        text += "\n" + findings.strip() + "\n"
    return text


def kept_findings(old_text):
    """The hand-written ``## Findings`` section of an existing results file, if any."""
    if not old_text or FINDINGS not in old_text:
        return None
    return old_text[old_text.index(FINDINGS) :]


def readme_block(date, results, server):
    return "\n".join(
        [
            f"Latest run ({date}, [full results](bench/results/{date}.md)):",
            "",
            results_table(results),
            "",
            server_line(server),
        ]
    )


def replace_block(text, block):
    """Put ``block`` between the README's bench markers (which must both be there)."""
    start, end = text.find(README_START), text.find(README_END)
    if start < 0 or end < start:
        raise ValueError(f"README.md has no {README_START} … {README_END} block")
    return text[: start + len(README_START)] + "\n" + block + "\n" + text[end:]


# `make bench --storage file,zeo,relstorage --processes 1,2`: the same pages side by side.

# Scale-out targets: two processes on ZEO read this much more than one; submissions through
# two processes on ZEO, per second, on a machine whose ceiling reaches REFERENCE_CEILING.
MIN_READ_GAIN = 1.5
MIN_TWO_PROCESS_SUBMISSIONS = 150.0
REFERENCE_CEILING = 2000.0
SUBMIT_PAGE = "submit filing"


@dataclass
class StorageRun:
    """The pages measured on one storage with ``processes`` app processes (the ceiling's
    row first)."""

    storage: str
    processes: int
    description: str
    results: list
    server: dict

    @property
    def label(self):
        return f"{self.storage} ×{self.processes}"

    def by_name(self):
        return {r.page.name: r for r in self.results}


def storages_table(runs):
    """A row per page, a column pair (req/s, p50) per storage and process count."""
    head = "| page | " + " | ".join(f"{r.label} req/s | p50 ms" for r in runs) + " |"
    rows = [head, "|---|" + "--:|--:|" * len(runs)]
    names = [r.page.name for r in runs[0].results]
    for name in names:
        cells = []
        for run in runs:
            result = run.by_name().get(name)
            cells.append(
                f"{result.rps:,.0f} | {result.p50_ms:.1f}" if result is not None else "— | —"
            )
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    errors = [str(sum(r.errors for r in run.results)) for run in runs]
    rows.append("| errors (all pages) | " + " | ".join(f"{e} | —" for e in errors) + " |")
    return "\n".join(rows)


def read_gain(one, two):
    """(geometric mean of two/one over the GET pages both measured, [(page, gain)])."""
    gains = []
    first = one.by_name()
    for result in two.results:
        base = first.get(result.page.name)
        if result.page.method == "GET" and result.page.name != "ceiling" and base and base.rps:
            gains.append((result.page.name, result.rps / base.rps))
    if not gains:
        return None, []
    product = 1.0
    for _, gain in gains:
        product *= gain
    return product ** (1 / len(gains)), gains


def single_ceiling(runs):
    """The mean ceiling of the one-process runs: the machine's speed in this run."""
    ceilings = [r.results[0].rps for r in runs if r.processes == 1]
    return sum(ceilings) / len(ceilings) if ceilings else None


def scaleout_table(runs):
    """The scale-out targets for each storage measured with one and two processes."""
    rows = ["| target | measured | result |", "|---|---|---|"]
    ceiling = single_ceiling(runs)
    scale = min(1.0, ceiling / REFERENCE_CEILING) if ceiling else 1.0
    for storage in dict.fromkeys(r.storage for r in runs):
        one = next((r for r in runs if r.storage == storage and r.processes == 1), None)
        two = next((r for r in runs if r.storage == storage and r.processes == 2), None)
        if one and two:
            gain, gains = read_gain(one, two)
            if gain is not None:
                target = f"≥ {MIN_READ_GAIN:g}×"
                measured = f"{gain:.2f}× (" + ", ".join(f"{n} {g:.2f}×" for n, g in gains) + ")"
                rows.append(
                    f"| {storage}: reads, 2 processes over 1 (geometric mean) | {measured} "
                    f"| {verdict(gain >= MIN_READ_GAIN, target, f'{gain:.2f}×')} |"
                )
        if two:
            submit = two.by_name().get(SUBMIT_PAGE)
            if submit is not None:
                need = MIN_TWO_PROCESS_SUBMISSIONS * scale
                target = f"≥ {need:.0f}/s"
                if scale < 1.0:
                    target += (
                        f" ({MIN_TWO_PROCESS_SUBMISSIONS:g}/s scaled by the ceiling "
                        f"{ceiling:,.0f}/{REFERENCE_CEILING:,.0f})"
                    )
                measured = f"{submit.rps:.0f}/s, {submit.errors} errors"
                passed = submit.rps >= need and submit.errors == 0
                rows.append(
                    f"| {storage}: submissions through 2 processes {target}, 0 errors "
                    f"| {measured} | {verdict(passed, target, measured)} |"
                )
    return "\n".join(rows)


def render_storages(date, runs, env):
    parts = [
        f"# Benchmark results {date}: storages",
        "",
        "Written by `make bench BENCH_ARGS='--storage … --processes …'` (bench/run.py): the "
        "same pages on the same dataset served from each storage, with one app process or "
        "more (each with its share of wrk's connections, wrk and any storage server on the "
        "same machine). Each storage starts from the dataset as generated.",
        "",
        storages_table(runs),
        "",
        "## Scale-out targets",
        "",
        scaleout_table(runs),
        "",
    ]
    for run in runs:
        parts += [f"## {run.label}: {run.description}", "", results_table(run.results), ""]
        parts += [server_line(run.server), ""]
    parts += ["## Environment", "", environment_lines(env), ""]
    return "\n".join(parts)
