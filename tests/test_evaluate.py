"""Leave-one-out scoring (``commitlogic evaluate``): held-out cases never teach, scores by hand."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from clirun import run

from commitlogic import Reasoner, casebook
from commitlogic.analysis import evaluation
from commitlogic.analysis.evaluation import EPSILON, evaluate, score
from commitlogic.analysis.learning import Tables, case_of, cutoffs, fit, learn, pool
from commitlogic.forecasting import MODELS

SMALL = ["alaska_2025", "geneva_2021", "helsinki_2018", "dmz_2019", "hanoi_2019"]


def cases() -> list[Any]:
    found = [case_of(name, casebook.load(name)) for name in SMALL]
    assert not any(isinstance(case, str) for case in found)
    return found


def test_scores_by_hand() -> None:
    found = score("x", [(1.0, 1.0), (0.5, 1.0), (0.0, 1.0), (0.25, 0.0)])
    assert found.brier == pytest.approx((0 + 0.25 + 1 + 0.0625) / 4)
    expected = -(math.log(1 - EPSILON) + math.log(0.5) + math.log(EPSILON) + math.log(0.75))
    assert found.log_loss == pytest.approx(expected / 4)
    assert found.calibration == (
        (0.0, 0.1, 1, 0.0, 1.0),
        (0.2, 0.3, 1, 0.25, 0.0),
        (0.5, 0.6, 1, 0.5, 1.0),
        (0.9, 1.0, 1, 1.0, 1.0),
    )


def test_cutoffs_are_the_day_before_the_last_statement_and_before_event_starts() -> None:
    scenario = casebook.load("singapore_2018")
    # last statement 12 June 2018; the summit starts 12 June: one cut-off, 11 June
    assert [day.isoformat() for day in cutoffs(scenario)] == ["2018-06-11"]


def test_the_held_out_case_never_teaches(monkeypatch: pytest.MonkeyPatch) -> None:
    taught: list[tuple[str, set[str]]] = []
    real = evaluation.learn

    def spy(model: Any, training: Any, tables: Any = None) -> Any:
        taught.append((model.name, {case.name for case in training}))
        return real(model, training, tables)

    monkeypatch.setattr(evaluation, "learn", spy)
    found = cases()
    evaluate(found, ["single", "pooled"])
    assert len(taught) == 2 * len(found)
    for number, case in enumerate(found):
        for _model, names in taught[2 * number : 2 * number + 2]:
            assert names == {other.name for other in found} - {case.name}


@pytest.mark.parametrize("name", ["single", "priors", "actors"])
def test_shared_tables_leave_the_held_out_rows_out(name: str) -> None:
    """Fitting with the tables of every case equals fitting on the training cases alone."""
    found = cases()
    shared = Tables(found)
    for held_out in found:
        training = [case for case in found if case is not held_out]
        assert fit(MODELS[name], training, shared) == fit(MODELS[name], training)


def test_baselines_and_models_are_scored_on_the_same_items() -> None:
    found = cases()
    result = evaluate(found, ["independent", "single"])
    assert set(result.scores) == {"independent", "single", "strict", "base_rate", "coin"}
    assert len(result.items) == sum(len(c.cutoffs) * len(c.truth) for c in found)
    for item in result.items:
        case = next(c for c in found if c.name == item.case)
        status = Reasoner(case.scenario).status(at=item.at).outcomes[item.outcome]
        assert (
            item.forecasts["strict"] == {"certain": 1.0, "possible": 0.5, "impossible": 0.0}[status]
        )
        training = [y for c in found if c is not case for y in c.truth.values()]
        assert item.forecasts["base_rate"] == pytest.approx(sum(training) / len(training))
        assert item.forecasts["coin"] == 0.5
        assert item.truth == case.truth[item.outcome]
    assert result.scores["coin"].brier == 0.25
    assert result.best_model in ("independent", "single")


def test_pooling_by_hand() -> None:
    found = cases()
    pooled = pool(found)
    kept = sum(k for c in found for k, _b in c.record.values())
    total = sum(k + b for c in found for k, b in c.record.values())
    assert pooled.everyone == pytest.approx((kept + 1) / (total + 2))
    assert set(pooled.actors) == {actor for c in found for actor in c.record}
    parameters = learn(MODELS["pooled"], found)
    assert parameters.actors == pooled.actors


def test_the_command(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    paths = [str(casebook.path(name)) for name in SMALL]
    code, out, err = run(capsys, "evaluate", *paths, "--model", "single", "--json")
    assert (code, err) == (0, "")
    found = json.loads(out)
    assert found["cases"] == SMALL
    assert set(found["scores"]) == {"single", "strict", "base_rate", "coin"}
    assert {"brier", "log_loss", "count", "calibration"} <= set(found["scores"]["single"])
    picture = tmp_path / "reliability.svg"
    code, out, _err = run(capsys, "evaluate", *paths, "--model", "single", "--plot", str(picture))
    assert code == 0 and picture.read_text().startswith("<?xml")
    assert out.startswith(f"leave-one-out over {len(SMALL)} closed cases")
    assert "calibration of single (the best model)" in out
    code, _out, err = run(capsys, "evaluate", paths[0])
    assert code == 2 and "at least two closed cases" in err
