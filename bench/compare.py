"""Time `compare()`: re-scoring stored answers with two versions (what `portal questionnaires
compare` and the team lead's /advice/versions do), for 1,000 and 10,000 responses; median of
5 runs. The database read is not included (one streamed query).

.venv/bin/python bench/compare.py
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import questionnaires
from questionnaires.compare import compare
from questionnaires.examples import CASES

v1 = questionnaires.load("entreevragenlijst", 1)
v2 = questionnaires.load("entreevragenlijst", 2)
answer_sets = [answers for answers, *_ in CASES.values()]
for size in (1_000, 10_000):
    responses = [
        (n, answer_sets[n % len(answer_sets)], ("drie_lijnen", "clientprofielen")[n % 2])
        for n in range(size)
    ]
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        report = compare(v1, v2, responses)
        runs.append(time.perf_counter() - start)
    print(
        f"compare v1 -> v2, {size} responses: median {statistics.median(runs) * 1000:.0f} ms "
        f"({statistics.median(runs) / size * 1e6:.0f} µs per response), {report.moved} move"
    )
