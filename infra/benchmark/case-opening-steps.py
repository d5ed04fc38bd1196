#!/usr/bin/env python3
"""p50/p99 of each step of a case opening, from the histograms the gateway and case-service publish.

    case-opening-steps.py BEFORE_GATEWAY BEFORE_CASE AFTER_GATEWAY AFTER_CASE

Each argument is a file holding a scrape of /actuator/prometheus, taken before and after a run that opened
cases through the gateway: only what happened in between counts. Quantiles are estimated inside the histogram
bucket that holds them, by linear interpolation, as Prometheus's histogram_quantile does.
"""
import re
import sys

SAMPLE = re.compile(r'^(\w+)\{(.*)\} (\S+)$')
LABEL = re.compile(r'(\w+)="((?:[^"\\]|\\.)*)"')

# (step, file index: 0 gateway / 1 case-service, metric, labels that must match)
STEPS = [
    ("gateway: the whole request (token, limits, route, case-service)", 0,
     "spring_cloud_gateway_requests_seconds_bucket", {"httpMethod": "POST", "routeId": "case-service"}),
    ("case-service: the whole request (token, validation, command)", 1,
     "http_server_requests_seconds_bucket", {"method": "POST", "uri": "/api/cases"}),
    ("case-service: the OpenCase command (aggregate, seal, append)", 1,
     "commandBus_allTimer_seconds_bucket", {"payloadType": "OpenCase"}),
    ("store: the subject's key (insert, acknowledged from memory)", 1,
     "mongodb_driver_commands_seconds_bucket", {"collection": "subject_keys", "command": "insert"}),
    ("store: the event's number (counter increment)", 1,
     "mongodb_driver_commands_seconds_bucket", {"collection": "eventsequence", "command": "findAndModify"}),
    ("store: the event (journaled insert: waits for the disk)", 1,
     "mongodb_driver_commands_seconds_bucket", {"collection": "events", "command": "insert"}),
]


def buckets(path, metric, wanted):
    """Cumulative counts per upper bound, summed over every series of the metric whose labels match."""
    counts = {}
    with open(path) as scrape:
        for line in scrape:
            sample = SAMPLE.match(line.strip())
            if not sample or sample.group(1) != metric:
                continue
            labels = dict(LABEL.findall(sample.group(2)))
            if any(labels.get(name) != value for name, value in wanted.items()):
                continue
            bound = float(labels["le"])
            counts[bound] = counts.get(bound, 0.0) + float(sample.group(3))
    return counts


def quantile(q, cumulative):
    bounds = sorted(cumulative)
    total = cumulative[bounds[-1]] if bounds else 0
    if total <= 0:
        return None, 0
    rank = q * total
    lower, below = 0.0, 0.0
    for bound in bounds:
        if cumulative[bound] >= rank:
            if bound == float("inf"):
                return lower, int(total)
            inside = cumulative[bound] - below
            share = (rank - below) / inside if inside else 1.0
            return lower + (bound - lower) * share, int(total)
        lower, below = bound, cumulative[bound]
    return lower, int(total)


def main(before_gateway, before_case, after_gateway, after_case):
    files = [(before_gateway, after_gateway), (before_case, after_case)]
    print(f"{'step':70} {'count':>6} {'p50 ms':>8} {'p99 ms':>8}")
    for name, index, metric, wanted in STEPS:
        before = buckets(files[index][0], metric, wanted)
        after = buckets(files[index][1], metric, wanted)
        delta = {bound: after[bound] - before.get(bound, 0.0) for bound in after}
        p50, count = quantile(0.50, delta)
        p99, _ = quantile(0.99, delta)
        if p50 is None:
            print(f"{name:70} {0:>6} {'-':>8} {'-':>8}")
        else:
            print(f"{name:70} {count:>6} {p50 * 1000:>8.2f} {p99 * 1000:>8.2f}")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
