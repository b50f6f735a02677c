"""How long exact forecasts take (issue 13's targets), printed as numbers.

    python benchmarks/forecast.py [--repeat 5] [--statements 1000] [--block-atoms 30]

Three measurements, each the median of ``--repeat`` runs (the machine is
shared, so single runs are noisy):

* every example and test scenario (``examples/*.toml`` and the scenarios of
  ``tests/samples.py``): target 1 s or less each;
* a generated scenario of ``--statements`` statements in blocks whose
  connected components have at most ``--block-atoms`` atoms: target 5 s or less;
* for scale, ``benchmarks/generate.py``'s scenario of the same size, whose
  components are as the generator makes them (reported, no target), and
  a sampled forecast of the block scenario.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from commitlogic import Actor, Event, Outcome, Scenario, Statement, load, loads  # noqa: E402
from commitlogic.reasoning.counting import TooWide  # noqa: E402
from commitlogic.reasoning.forecast import forecast  # noqa: E402

_KINDS = ("if", "only_if", "if", "only_if", "commits", "refuses", "might", "observed")


def blocks(statements: int, block_atoms: int, seed: int = 0) -> Scenario:
    """Return a scenario of independent blocks, each over at most ``block_atoms`` atoms.

    Each block has one event, 5 actors invited to it (5 attendance atoms)
    and free propositions up to ``block_atoms``; about 30 statements per
    block tie its atoms together with formulas of one to three atoms, and
    each block declares two outcomes.  Observed facts are drawn true under
    a hidden assignment, so the scenario is consistent.
    """
    rng = random.Random(seed)
    per_block = 30
    count = max(1, -(-statements // per_block))
    actors, events, items, outcomes = [], [], [], []
    for b in range(count):
        people = [f"a{b}_{i}" for i in range(5)]
        actors.extend(Actor(person) for person in people)
        events.append(Event(f"e{b}", invited=people))
        atoms = [f"attends({p},e{b})" for p in people]
        atoms += [f"p{b}_{i}" for i in range(block_atoms - len(atoms))]
        hidden = {name: rng.random() < 0.5 for name in atoms}

        def formula(size: int, atoms: list[str] = atoms) -> str:
            chosen = rng.sample(atoms, size)
            parts = [name if rng.random() < 0.7 else f"not {name}" for name in chosen]
            return f" {rng.choice(['and', 'or'])} ".join(parts)

        def literal(atoms: list[str] = atoms, hidden: dict[str, bool] = hidden) -> str:
            name = rng.choice(atoms)
            return name if hidden[name] else f"not {name}"

        for i in range(per_block):
            kind = rng.choice(_KINDS)
            identifier = f"s{b}_{i}"
            by = rng.choice(people)
            credibility = round(rng.uniform(0.55, 0.95), 2) if rng.random() < 0.5 else None
            if kind == "observed":
                items.append(Statement(identifier, kind, literal()))
            elif kind in ("if", "only_if"):
                items.append(
                    Statement(
                        identifier,
                        kind,
                        formula(rng.randint(1, 2)),
                        condition=formula(rng.randint(1, 2)),
                        by=by,
                        credibility=credibility,
                    )
                )
            else:
                items.append(
                    Statement(
                        identifier,
                        kind,
                        formula(rng.randint(1, 3)),
                        by=by,
                        credibility=credibility,
                    )
                )
        outcomes.append(Outcome(f"all_meet_{b}", " and ".join(atoms[:5])))
        outcomes.append(Outcome(f"someone_{b}", " or ".join(atoms[:3])))
    items = items[:statements]
    return Scenario("blocks", actors=actors, events=events, statements=items, outcomes=outcomes)


def median_seconds(function: Callable[[], object], repeat: int) -> float:
    """Return the median wall time of ``function`` over ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--statements", type=int, default=1000)
    parser.add_argument("--block-atoms", type=int, default=30)
    arguments = parser.parse_args()
    import samples as test_samples

    print("exact forecasts, median of", arguments.repeat, "runs (shared machine: noisy)")
    examples = sorted((ROOT / "examples").rglob("*.toml"))
    scenarios = {str(path.relative_to(ROOT)): load(path) for path in examples}
    for name in dir(test_samples):
        value = getattr(test_samples, name)
        if name.isupper() and isinstance(value, str) and "[scenario]" in value:
            scenarios[f"tests/samples.py:{name}"] = loads(value)
    worst = 0.0
    for name, scenario in scenarios.items():
        seconds = median_seconds(lambda s=scenario: forecast(s), arguments.repeat)
        worst = max(worst, seconds)
        print(f"  {name:40} {len(scenario.statements):5} statements  {seconds * 1000:8.1f} ms")
    print(f"  worst example or test scenario: {worst * 1000:.1f} ms (target: 1000 ms)")

    scenario = blocks(arguments.statements, arguments.block_atoms)
    seconds = median_seconds(lambda: forecast(scenario), arguments.repeat)
    print(
        f"  blocks: {len(scenario.statements)} statements, components of at most "
        f"{arguments.block_atoms} atoms: {seconds:.2f} s (target: 5 s)"
    )
    sampled = median_seconds(lambda: forecast(scenario, samples=2000), 1)
    print(f"  blocks, sampled (2,000 samples): {sampled:.2f} s")

    from generate import generate

    generated = loads(generate(arguments.statements, seed=1))
    try:
        seconds = median_seconds(lambda: forecast(generated), arguments.repeat)
        print(f"  generate.py, {arguments.statements} statements: {seconds:.2f} s")
    except TooWide as error:
        print(f"  generate.py, {arguments.statements} statements: not exact ({error})")


if __name__ == "__main__":
    main()
