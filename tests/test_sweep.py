"""Sweeps: many what-ifs on one scenario, a batch of files; in-process, pools and Dask."""

from __future__ import annotations

import json
import sys
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pytest
from samples import TWO_LEADERS

import commitlogic
from commitlogic import Reasoner, ScenarioError, SolverLimit, Status, StatusReport, load, sweep
from commitlogic.analysis.sweep import scenario_files

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))
from generate import generate, write  # noqa: E402

CANDIDATES = [
    "attends(zelensky, talks)",
    "absent(zelensky, talks)",
    ["attends(putin, talks)"],
    [],
    ["absent(zelensky, talks)", "absent(putin, talks)"],
]


@pytest.fixture
def two_leaders(tmp_path: Path) -> Path:
    path = tmp_path / "two.toml"
    path.write_text(TWO_LEADERS, encoding="utf-8")
    return path


def one_by_one(path: Path, candidates: list, **query) -> list[StatusReport]:
    """The answers of a fresh reasoner per candidate: what a sweep must equal."""
    results = []
    for candidate in candidates:
        assume = [candidate] if isinstance(candidate, str) else list(candidate)
        results.append(Reasoner(load(path)).status(assume=assume, **query))
    return results


def test_in_process_sweep_equals_fresh_reasoners(two_leaders: Path) -> None:
    results = sweep(two_leaders, CANDIDATES, errors="return")
    expected = one_by_one(two_leaders, CANDIDATES)
    assert results == expected
    assert results[0].conflict == (
        "z_only_if_putin",
        "kremlin_list",
        "assume:attends(zelensky, talks)",
    )
    assert results[1].consistent


def test_sweep_at_and_common_assumptions(two_leaders: Path) -> None:
    results = sweep(
        load(two_leaders), CANDIDATES, at="2025-05-12", assume=["attends(putin, talks)"]
    )
    expected = [
        Reasoner(load(two_leaders)).status(
            assume=["attends(putin, talks)", *([c] if isinstance(c, str) else c)],
            at="2025-05-12",
        )
        for c in CANDIDATES
    ]
    assert results == expected


def test_sweep_of_one_formula(two_leaders: Path) -> None:
    results = sweep(
        two_leaders, CANDIDATES, formula="attends(putin, talks) or attends(zelensky, talks)"
    )
    assert results == [None, Status.IMPOSSIBLE, None, Status.IMPOSSIBLE, Status.IMPOSSIBLE]


def test_thread_and_process_pools_give_the_in_process_answers(tmp_path: Path) -> None:
    path = tmp_path / "generated.toml"
    write(path, generate(120, seed=11))
    atoms = sorted(Reasoner(load(path)).status().atoms)[:12]
    candidates = [[f"not {atom}"] for atom in atoms] + [[atom] for atom in atoms]
    expected = sweep(path, candidates)
    with ThreadPoolExecutor(2) as pool:
        assert sweep(path, candidates, executor=pool, chunk_size=5) == expected
    with ProcessPoolExecutor(2) as pool:
        done: list[int] = []
        assert sweep(path, candidates, executor=pool, progress=done.append) == expected
        assert sum(done) == len(candidates)


def test_batch_over_files_in_input_order(tmp_path: Path, two_leaders: Path) -> None:
    for seed in range(3):
        write(tmp_path / f"g{seed}.toml", generate(40, seed=seed))
    files = scenario_files(tmp_path)
    assert [f.name for f in files] == ["g0.toml", "g1.toml", "g2.toml", "two.toml"]
    results = sweep(files, assume=["absent(putin, talks)"], errors="return")
    # Generated files have no putin: the assumption is an error for them only.
    assert [type(r) for r in results[:3]] == [ScenarioError] * 3
    assert "unknown actor 'putin'" in str(results[0])
    assert results[3] == Reasoner(load(two_leaders)).status(assume=["absent(putin, talks)"])
    plain = sweep(files)
    assert plain == [Reasoner(load(f)).status() for f in files]
    with pytest.raises(ScenarioError, match="no such file"):
        sweep([tmp_path / "missing.toml"])


def test_limits_and_usage_errors(two_leaders: Path) -> None:
    from test_limits import exclusive

    results = sweep(exclusive(), [[], ["attends(a, talks)"]], model_limit=1, errors="return")
    assert isinstance(results[0], SolverLimit)
    assert results[1] == Reasoner(exclusive()).status(assume=["attends(a, talks)"])
    with pytest.raises(SolverLimit):
        sweep(exclusive(), [[]], model_limit=1)
    with pytest.raises(TypeError):
        sweep(two_leaders)
    with pytest.raises(TypeError):
        sweep([two_leaders], ["held"])
    assert sweep(two_leaders, []) == []
    assert commitlogic.sweep is sweep


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::ResourceWarning")
def test_dask_local_cluster_gives_the_in_process_answers(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    path = tmp_path / "generated.toml"
    write(path, generate(150, seed=12))
    atoms = sorted(Reasoner(load(path)).status().atoms)[:10]
    candidates = [[f"not {atom}"] for atom in atoms] + [[atom] for atom in atoms]
    expected = sweep(path, candidates)
    for seed in range(3):
        write(tmp_path / f"batch{seed}.toml", generate(60, seed=seed))
    files = sorted(tmp_path.glob("batch*.toml"))
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        executor = client.get_executor()
        assert sweep(path, candidates, executor=executor, chunk_size=4) == expected
        assert sweep(files, executor=executor) == sweep(files)


# --------------------------------------------------------------------------- CLI


def test_cli_sweep_json_lines_per_candidate(two_leaders: Path, capsys) -> None:
    from commitlogic.cli.main import main

    code = main(
        [
            "sweep",
            str(two_leaders),
            "--assume-each",
            "absent(zelensky, talks)",
            "attends(zelensky, talks)",
            "--at",
            "2025-05-15",
            "--json",
        ]
    )
    assert code == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    reasoner = Reasoner(load(two_leaders))
    assert lines == [
        {"assume": text, **reasoner.status(assume=[text], at="2025-05-15").to_json()}
        for text in ("absent(zelensky, talks)", "attends(zelensky, talks)")
    ]


def test_cli_sweep_query_and_text(two_leaders: Path, capsys) -> None:
    from commitlogic.cli.main import main

    argv = ["sweep", str(two_leaders), "--assume-each", "held", "--assume", "attends(putin, talks)"]
    assert main([*argv, "--query", "attends(zelensky, talks)", "--at", "2025-05-12"]) == 0
    assert capsys.readouterr().out == "held: attends(zelensky, talks): possible\n"
    assert main(argv) == 0
    assert capsys.readouterr().out == (
        "held: inconsistent; conflict: kremlin_list, assume:attends(putin, talks)\n"
    )
    assert main(["sweep", str(two_leaders), "--assume-each", "attends(nobody, talks)"]) == 2
    assert "--assume-each 'attends(nobody, talks)': unknown actor" in capsys.readouterr().err
    assert main(["sweep", str(two_leaders)]) == 2
    assert "needs --assume-each" in capsys.readouterr().err


def test_cli_sweep_folder_writes_json_lines_atomically(tmp_path: Path, capsys) -> None:
    from commitlogic.cli.main import main

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.toml").write_text(TWO_LEADERS, encoding="utf-8")
    (folder / "b.toml").write_text("[scenario]\nname = 3\n", encoding="utf-8")
    write(folder / "c.toml", generate(30, seed=1))
    out = tmp_path / "results.jsonl"
    assert main(["sweep", str(folder), "--out", str(out), "--quiet"]) == 2
    assert capsys.readouterr().out == ""
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["file"] for line in lines] == ["a.toml", "b.toml", "c.toml"]
    assert lines[0] == {"file": "a.toml", **Reasoner(load(folder / "a.toml")).status().to_json()}
    assert lines[1]["error"].endswith("field 'name': expected text, got int")
    assert lines[2]["consistent"] is True
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "results.jsonl"]  # no temp left
    assert main(["sweep", str(folder), "--assume-each", "held"]) == 2


def test_cli_sweep_model_limit_exit_3(tmp_path: Path, capsys) -> None:
    from commitlogic.cli.main import main

    path = tmp_path / "g.toml"
    write(path, generate(200, seed=3))
    code = main(["sweep", str(path), "--assume-each", "held", "--model-limit", "1", "--json"])
    assert code == 3
    (line,) = capsys.readouterr().out.splitlines()
    assert json.loads(line) == {
        "assume": "held",
        "error": "the solver hit the model limit of 1 models before answering",
        "limit": True,
    }
