"""Time one evaluate() call of the Entreevragenlijst: median over 10,000 calls, per version.

.venv/bin/python bench/evaluate.py
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import questionnaires
from questionnaires.examples import CANNOT_WORK, MANY_BARRIERS, SELF_STARTER

cases = [SELF_STARTER, CANNOT_WORK, MANY_BARRIERS]
for version in (1, 2):
    definition = questionnaires.load("entreevragenlijst", version)
    timings = []
    for i in range(10_000):
        answers = cases[i % len(cases)]
        start = time.perf_counter_ns()
        questionnaires.evaluate(definition, answers, facts={"age": 40})
        timings.append(time.perf_counter_ns() - start)
    timings.sort()
    print(
        f"v{version} evaluate(): median {statistics.median(timings) / 1000:.1f} µs, "
        f"p95 {timings[int(len(timings) * 0.95)] / 1000:.1f} µs over {len(timings)} calls "
        f"({len(definition.questions)} questions, {len(definition.steps)} pages)"
    )
