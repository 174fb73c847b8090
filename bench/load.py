"""A bounded HTTP load: a few keep-alive connections for a fixed time.

Standard library only, run as its own process so the server under test does
not share an interpreter with it. Prints one JSON object: requests, errors,
requests per second and the p50/p99 latency in milliseconds.

    python load.py --port 8000 --method POST --path /auth/users/ \
        --body '{"username": "u{n}"}' --seconds 3 --connections 2

``{n}`` in the body becomes a number unique to this run, for requests that
must not repeat (registration). ``{value}`` in a header becomes the next line
of ``--values`` (from line ``--values-from``, at most ``--values-count``
lines), for credentials a request uses up (a logout); a run that runs out
of them fails.
"""

import argparse
import http.client
import itertools
import json
import statistics
import threading
import time


def percentile(sorted_values, fraction):
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, round(fraction * (len(sorted_values) - 1)))
    return sorted_values[index]


class Worker(threading.Thread):
    def __init__(self, options, numbers, values, start_at, stop_at):
        super().__init__(daemon=True)
        self.options = options
        self.numbers = numbers
        self.values = values
        self.start_at = start_at
        self.stop_at = stop_at
        self.latencies = []
        self.sent = 0
        self.errors = 0
        self.statuses = {}
        self.ran_out = False

    def run(self):
        options = self.options
        connection = http.client.HTTPConnection(options.host, options.port, timeout=30)
        while True:
            now = time.perf_counter()
            if now >= self.stop_at:
                break
            headers = {"Content-Type": "application/json", **options.headers}
            if self.values is not None:
                value = next(self.values, None)
                if value is None:
                    self.ran_out = True
                    break
                headers = {
                    name: content.replace("{value}", value)
                    for name, content in headers.items()
                }
            body = None
            if options.body is not None:
                body = options.body.replace("{n}", str(next(self.numbers)))
            began = time.perf_counter()
            try:
                connection.request(options.method, options.path, body, headers)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                self.errors += 1
                connection.close()
                connection = http.client.HTTPConnection(
                    options.host, options.port, timeout=30
                )
                continue
            elapsed = time.perf_counter() - began
            self.sent += 1
            self.statuses[response.status] = self.statuses.get(response.status, 0) + 1
            if response.status != options.expect:
                self.errors += 1
            elif began >= self.start_at:
                self.latencies.append(elapsed)
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
        connection.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--method", default="GET")
    parser.add_argument("--path", required=True)
    parser.add_argument("--header", action="append", default=[], metavar="NAME:VALUE")
    parser.add_argument("--body")
    parser.add_argument("--expect", type=int, default=200)
    parser.add_argument("--tag", default="", help="prefix for the {n} numbers")
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--warmup", type=float, default=0.5)
    parser.add_argument("--connections", type=int, default=2)
    parser.add_argument("--values", help="file of one-use credentials, one a line")
    parser.add_argument("--values-from", type=int, default=0)
    parser.add_argument("--values-count", type=int, default=0)
    options = parser.parse_args()
    options.headers = dict(header.split(":", 1) for header in options.header)
    options.headers = {name: value.strip() for name, value in options.headers.items()}
    if options.tag:
        options.body = options.body and options.body.replace("{n}", options.tag + "{n}")

    numbers = itertools.count(1)  # next() on a count is atomic under the GIL
    values = None
    if options.values:
        with open(options.values) as lines:
            chosen = lines.read().split()
        end = options.values_from + options.values_count
        values = iter(chosen[options.values_from : end])  # next() is atomic too
    start_at = time.perf_counter() + options.warmup
    stop_at = start_at + options.seconds
    workers = [
        Worker(options, numbers, values, start_at, stop_at)
        for _ in range(options.connections)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    latencies = sorted(value for worker in workers for value in worker.latencies)
    statuses = {}
    for worker in workers:
        for status, count in worker.statuses.items():
            statuses[str(status)] = statuses.get(str(status), 0) + count
    result = {
        "requests": len(latencies),
        "requests_with_warmup": sum(worker.sent for worker in workers),
        "errors": sum(worker.errors for worker in workers),
        "ran_out": any(worker.ran_out for worker in workers),
        "statuses": statuses,
        "rps": len(latencies) / options.seconds,
        "p50_ms": percentile(latencies, 0.50) * 1000 if latencies else None,
        "p99_ms": percentile(latencies, 0.99) * 1000 if latencies else None,
        "mean_ms": statistics.fmean(latencies) * 1000 if latencies else None,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
