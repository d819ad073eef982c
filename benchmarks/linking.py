"""Linking at scale: time, memory and pairwise accuracy over synthetic mentions.

Makes `--mentions` synthetic reports (default 100,000) of incidents spread over three years and a
dozen countries, each incident told by one to six outlets with jittered dates and places and
occasional conflicting figures, then links them with ondit's in-memory linker and prints the
time taken, peak memory and pairwise precision/recall/F1 against the incidents they came from.
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from collections import defaultdict
from datetime import date, timedelta
from itertools import combinations

from ondit.link import Linker
from ondit.model import Mention

COUNTRIES = {
    "IQ": (33.3, 44.4),
    "SY": (35.0, 38.5),
    "YE": (15.4, 44.2),
    "LB": (33.9, 35.5),
    "IL": (31.5, 34.8),
    "UA": (48.5, 35.0),
    "SD": (15.6, 32.5),
    "ML": (14.5, -4.0),
    "NG": (10.5, 7.4),
    "SO": (2.0, 45.3),
    "AF": (34.5, 69.2),
    "CD": (-1.7, 29.2),
}
SUB_TYPES = [
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Battles", "Armed clash"),
    ("Violence against civilians", "Attack"),
    ("Strategic developments", "Arrests"),
]


def synthesise(n_mentions: int, seed: int) -> tuple[list[tuple[str, Mention]], dict[str, int]]:
    rng = random.Random(seed)
    start = date(2021, 1, 1)
    mentions: list[tuple[str, Mention]] = []
    truth: dict[str, int] = {}
    incident = 0
    doc = 0
    while len(mentions) < n_mentions:
        country = rng.choice(list(COUNTRIES))
        lat0, lon0 = COUNTRIES[country]
        lat, lon = lat0 + rng.uniform(-3, 3), lon0 + rng.uniform(-3, 3)
        day = start + timedelta(days=rng.randrange(3 * 365))
        event_type, sub = rng.choice(SUB_TYPES)
        for _ in range(rng.randint(1, 6)):
            doc += 1
            report_day = day + timedelta(days=rng.choice([0, 0, 0, 1]))
            mention = Mention(
                doc_id=f"d{doc}",
                event_type=event_type,
                sub_event_type=sub,
                evidence="",
                date=report_day,
                time_precision=1,
                country=country,
                location=f"place-{incident}",
                latitude=lat + rng.uniform(-0.1, 0.1),
                longitude=lon + rng.uniform(-0.1, 0.1),
                geo_precision=1,
                munitions=rng.choice([None, 3, 5, 8]),
            )
            key = f"d{doc}:0"
            mentions.append((key, mention))
            truth[key] = incident
            if len(mentions) >= n_mentions:
                break
        incident += 1
    rng.shuffle(mentions)
    return mentions, truth


def pairwise(clusters: list[list[str]], truth: dict[str, int]) -> tuple[float, float, float]:
    predicted = {frozenset(p) for c in clusters for p in combinations(c, 2)}
    by_incident: dict[int, list[str]] = defaultdict(list)
    for key, incident in truth.items():
        by_incident[incident].append(key)
    gold = {frozenset(p) for keys in by_incident.values() for p in combinations(keys, 2)}
    right = len(predicted & gold)
    precision = right / len(predicted) if predicted else 1.0
    recall = right / len(gold) if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    mentions, truth = synthesise(args.mentions, args.seed)
    started = time.perf_counter()
    linker = Linker()
    for key, mention in mentions:
        linker.add(key, mention)
    clusters = linker.clusters()
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    precision, recall, f1 = pairwise(clusters, truth)
    print(
        f"{len(mentions)} mentions of {len(set(truth.values()))} incidents -> {len(clusters)} events"
    )
    print(
        f"linking time {seconds:.1f} s ({len(mentions) / seconds:,.0f} mentions/s), peak memory {peak:.0f} MB"
    )
    print(f"pairwise precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f}")


if __name__ == "__main__":
    main()
