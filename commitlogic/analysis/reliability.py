"""The reliability diagram of an evaluation: forecast probability against observed frequency.

matplotlib is optional (``pip install 'commitlogic[plot]'``) and imported
only when a diagram is drawn; the file is written atomically.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from commitlogic.analysis.evaluation import Evaluation
from commitlogic.analysis.plotting import _save, check_destination

__all__ = ["plot_reliability"]


def plot_reliability(
    evaluation: Evaluation,
    path: str | os.PathLike[str],
    names: Sequence[str] | None = None,
) -> Path:
    """Draw the calibration of ``names`` (default: the best model, independent, strict).

    Each point is a bin of forecasts (width 0.1): its mean forecast against
    how often the outcomes held, its area growing with the number of
    forecasts in it.  A calibrated forecaster lies on the diagonal.

    Returns
    -------
    Path
        Where the picture was written.
    """
    destination = check_destination(path)
    chosen = list(names or dict.fromkeys([evaluation.best_model, "independent", "strict"]))
    chosen = [name for name in chosen if name in evaluation.scores]
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib import pyplot

    figure, axes = pyplot.subplots(figsize=(6.4, 5.2))
    try:
        axes.plot([0, 1], [0, 1], color="#999999", linestyle="--", label="calibrated")
        markers = "osD^v"
        for number, name in enumerate(chosen):
            found = evaluation.scores[name]
            xs = [p for _lo, _hi, _n, p, _f in found.calibration]
            ys = [f for _lo, _hi, _n, _p, f in found.calibration]
            sizes = [12 + 4 * n for _lo, _hi, n, _p, _f in found.calibration]
            axes.plot(xs, ys, alpha=0.6)
            axes.scatter(
                xs,
                ys,
                s=sizes,
                marker=markers[number % len(markers)],
                label=f"{name} (Brier {found.brier:.3f})",
            )
        axes.set_xlim(-0.03, 1.03)
        axes.set_ylim(-0.03, 1.03)
        axes.set_xlabel("forecast probability (mean of the bin)")
        axes.set_ylabel("share of outcomes that held")
        axes.set_title(f"leave-one-out over {len(evaluation.cases)} closed cases")
        axes.grid(alpha=0.3)
        axes.legend(loc="upper left", frameon=False)
        figure.tight_layout()
        _save(figure, destination)
    finally:
        pyplot.close(figure)
    return destination
