"""The forecasting models: each turns a query into a weighted model count (a ``Problem``).

Every model is one formula of the same family, with some parts switched
off.  For an assignment ``w`` of the atom universe and ``s`` of the
model's latent variables, when ``w`` satisfies the hard facts (active
``observed`` subjects and assumptions)::

    W(w, s) =   prod over invited attends atoms x   of  i  if x else 1 - i       [priors]
              * prod over other attends atoms x     of  a  if x else 1 - a       [priors]
              * prod over other atoms x             of  f  if x else 1 - f       [priors]
              * prod over active might statements m of  u  if (C_m -> S_m) else 1 - u   [priors]
              * prod over groups g (actors/parties) of  r  if s_g else 1 - r     [latent]
              * prod over active commitments c      of  q_c if kept_c(w) else 1 - q_c

and ``P(w) = sum over s of W(w, s) / Z``.  The atoms are the query's atom
universe; an *invited* attends atom is ``attends(a, e)`` with ``a``
invited to ``e`` (every actor when ``e`` has no ``invited`` list).
``C_m`` is a might statement's
condition (*true* when it has none), ``S_m`` its subject.  A commitment's
credibility ``p_c`` is its statement's ``credibility`` key, else its
actor's, else the scenario's, else the model's: per kind (``commits``,
``refuses``, ``if``, ``only_if``) when the model has kinds, else one
``credibility``; a pooled model puts the learned credibility of the actor
(else of their party) before the model's.  With a latent, the groups are
the speakers (``by``), or their parties (a speaker without a party is a
group of their own), ``q_c = p_c`` when c's group stands by its word
(``s_g`` true) and ``q_c = v`` (``wavering``) when it does not; without a
latent, ``q_c = p_c``.  A pooled model with priors replaces ``f`` for a
free proposition by the learned share of its predicate's atoms that held
(``arrested(...)``, ``signed(...)``), where the record has one.

``independent`` has no priors, no latent and one credibility 0.8: it is
exactly SPEC section 3.  The other models' parameters are fitted on closed
cases (``commitlogic.forecasting.learning``); the fitted values of the
default model ship in ``forecasting/defaults.json``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

import attrs

from commitlogic.forecasting.problem import Latent, Problem, Soft, kept_formula
from commitlogic.model.dates import When
from commitlogic.model.errors import ScenarioError
from commitlogic.model.formulas import Atom, Formula, Not, attends
from commitlogic.model.query import Assumption, normalise
from commitlogic.model.scenario import Kind, Scenario

__all__ = ["KINDS", "MODELS", "Model", "Parameters", "build", "model_named"]

#: The commitment kinds, as parameter names.
KINDS = ("commits", "refuses", "if", "only_if")


@attrs.frozen
class Parameters:
    """The numbers of the formula in the module docstring (each in the open interval (0, 1)).

    ``values`` holds the global parameters by name: ``credibility`` (one
    for every kind), ``commits``, ``refuses``, ``if``, ``only_if``,
    ``invited`` (i), ``attends`` (a), ``free`` (f), ``might`` (u), ``stands`` (r),
    ``wavering`` (v).  ``actors`` and ``parties`` hold the credibilities
    learned with partial pooling (actor, else their party), used by the
    pooled models where the scenario sets no key; ``predicates`` the pooled
    share of a free proposition's atoms that held, by predicate name, which
    the pooled models with priors use in place of ``free``.
    """

    values: Mapping[str, float] = attrs.field(factory=dict)
    actors: Mapping[str, float] = attrs.field(factory=dict)
    parties: Mapping[str, float] = attrs.field(factory=dict)
    predicates: Mapping[str, float] = attrs.field(factory=dict)

    def get(self, name: str) -> float:
        """Return a parameter; the neutral value when it is not set (0.8 for credibility)."""
        if name in self.values:
            return self.values[name]
        if name in KINDS:
            return self.get("credibility")
        return 0.8 if name == "credibility" else 0.5

    def with_values(self, **values: float) -> Parameters:
        """Return these parameters with some values replaced."""
        return attrs.evolve(self, values={**self.values, **values})

    def to_json(self) -> dict[str, object]:
        """Return ``{"values": {...}, "actors": {...}}``, sorted."""
        return {
            "values": dict(sorted(self.values.items())),
            "actors": dict(sorted(self.actors.items())),
            "parties": dict(sorted(self.parties.items())),
            "predicates": dict(sorted(self.predicates.items())),
        }


@attrs.frozen
class Model:
    """Which parts of the family a model has, and which parameters fitting may move.

    Attributes
    ----------
    name, summary
        How the model is called (``forecast --model NAME``) and described.
    kinds
        Credibility by statement kind, or one for every kind.
    priors
        Priors on atoms (invited ``i``, other attends ``a``, other ``f``) and the
        weight ``u`` of might statements.
    latent
        ``"actor"`` or ``"party"``: a latent "stands by its word" per actor
        (or party) ties its commitments together; ``None``: independent.
    pooled
        Per-actor credibilities learned with partial pooling (actor, party, everyone).
    events
        With priors: a latent "takes place" per event ties its invited
        attendance (``h``, and ``e`` or ``o`` when it takes place or not)
        in place of the invited prior ``i``.
    """

    name: str
    summary: str
    kinds: bool = False
    priors: bool = False
    latent: Literal["actor", "party"] | None = None
    pooled: bool = False
    events: bool = False

    @property
    def free(self) -> tuple[str, ...]:
        """The global parameters that fitting moves (none for ``independent``)."""
        if self.name == "independent":
            return ()
        found = list(KINDS) if self.kinds else ["credibility"]
        if self.priors:
            found += ["held", "present", "away"] if self.events else ["invited"]
            found += ["attends", "free", "might"]
        if self.latent is not None:
            found += ["stands", "wavering"]
        return tuple(found)


#: Every model, by name, in the order of the docs.
MODELS: dict[str, Model] = {
    model.name: model
    for model in (
        Model("independent", "SPEC section 3: independent commitments, credibility 0.8"),
        Model("single", "independent commitments, one credibility fitted on the casebook"),
        Model("kinds", "a credibility per statement kind", kinds=True),
        Model("priors", "kinds, priors on atoms and a weight for might", kinds=True, priors=True),
        Model("actors", "kinds, an actor keeps or drops its word together", True, latent="actor"),
        Model("parties", "kinds, a party keeps or drops its word together", True, latent="party"),
        Model("pooled", "kinds and per-actor credibilities, pooled", kinds=True, pooled=True),
        Model(
            "pooled_priors", "priors and per-actor credibilities, pooled", True, True, None, True
        ),
        Model("full", "kinds, priors, actor latent and pooling", True, True, "actor", True),
        Model(
            "events",
            "priors, with a latent per event for invited attendance",
            True,
            True,
            events=True,
        ),
        Model(
            "pooled_events",
            "events and per-actor credibilities, pooled",
            True,
            True,
            None,
            True,
            True,
        ),
    )
}


def model_named(name: str) -> Model:
    """Return the model called ``name``; a ``ScenarioError`` listing the models otherwise."""
    if not isinstance(name, str) or name not in MODELS:
        known = ", ".join(MODELS)
        raise ScenarioError(f"unknown model {name!r}: expected one of {known}", field="model")
    return MODELS[name]


def build(
    scenario: Scenario,
    model: Model,
    parameters: Parameters,
    assume: Sequence[Assumption] = (),
    at: When | str | None = None,
) -> Problem:
    """Return the :class:`Problem` of a forecast query under ``model`` with ``parameters``.

    Raises
    ------
    ScenarioError
        When an assumption or ``at`` is not valid (``model.query.normalise``).
    """
    request = normalise(scenario, assume, at)
    active = set(scenario.active(request.at))
    actors = {actor.id: actor for actor in scenario.actors}
    hard: list[tuple[str, Formula]] = []
    soft: list[Soft] = []
    kept: dict[str, Formula] = {}
    used: dict[str, float] = {}
    groups: dict[tuple[str, str], Latent] = {}
    for statement in scenario.statements:
        if statement.id not in active:
            continue
        kind, subject, condition = statement.kind, statement.subject, statement.condition
        if kind is Kind.OBSERVED:
            hard.append((statement.id, subject))
            continue
        if kind is Kind.MIGHT:
            if model.priors:
                soft.append(Soft(condition, subject, parameters.get("might"), key="might"))
            continue
        antecedent, consequent = {
            Kind.COMMITS: (None, subject),
            Kind.REFUSES: (None, Not(subject)),
            Kind.IF: (condition, subject),
            Kind.ONLY_IF: (subject, condition),
        }[kind]
        assert consequent is not None
        p, key = _credibility(
            scenario, statement.credibility, statement.by, kind, model, parameters
        )
        kept[statement.id] = kept_formula(antecedent, consequent)
        used[statement.id] = p
        if model.latent is None:
            soft.append(Soft(antecedent, consequent, p, key=key))
            continue
        actor = actors.get(statement.by or "")
        party = None if model.latent == "actor" or actor is None else actor.party
        group = ("party", party) if party else ("actor", statement.by or "")
        latent = groups.get(group)
        if latent is None:
            latent = groups[group] = Latent("stands", (f"g{len(groups)}",))  # type: ignore[arg-type]
            soft.append(Soft(None, latent, parameters.get("stands"), key="stands"))
        wavering = parameters.get("wavering")
        soft.append(Soft(antecedent, consequent, p, guard=latent, key=key))
        soft.append(Soft(antecedent, consequent, wavering, guard=Not(latent), key="wavering"))
    for _name, formula in request.assumptions:
        hard.append((_name, formula))
    atoms = {str(item): item for item in scenario.atoms()}
    for _name, formula in request.assumptions:
        for item in formula.atoms():
            atoms.setdefault(str(item), item)
    if model.priors:
        invited = _invited(scenario)
        held: dict[str, Latent] = {}
        for item in atoms.values():
            key = "free" if item.name != "attends" else "invited" if item in invited else "attends"
            if key == "free" and model.pooled and item.name in parameters.predicates:
                learned = parameters.predicates[item.name]
                soft.append(Soft(None, item, learned, key=f"predicate:{item.name}"))
                continue
            if key != "invited" or not model.events:
                soft.append(Soft(None, item, parameters.get(key), key=key))
                continue
            event = item.args[1]
            if event not in held:
                held[event] = Latent("held", (f"e{len(held)}",))  # type: ignore[arg-type]
                soft.append(Soft(None, held[event], parameters.get("held"), key="held"))
            up, down = held[event], Not(held[event])
            soft.append(Soft(None, item, parameters.get("present"), guard=up, key="present"))
            soft.append(Soft(None, item, parameters.get("away"), guard=down, key="away"))
    outcomes = {outcome.id: outcome.when for outcome in scenario.outcomes}
    return Problem(model.name, tuple(hard), tuple(soft), kept, used, atoms, outcomes)


def _invited(scenario: Scenario) -> set[Atom]:
    """Return the ``attends(a, e)`` atoms of actors invited to events (every actor, no list)."""
    return {attends(actor, event) for actor, event in scenario.invitations()}


def _credibility(
    scenario: Scenario,
    own: float | None,
    by: str | None,
    kind: Kind,
    model: Model,
    parameters: Parameters,
) -> tuple[float, str | None]:
    """Return a commitment's credibility ``p_c`` and the parameter it comes from (or None)."""
    if own is not None:
        return float(own), None
    for actor in scenario.actors:
        if actor.id == by and actor.credibility is not None:
            return float(actor.credibility), None
    if scenario.credibility is not None:
        return float(scenario.credibility), None
    if model.pooled:
        if by is not None and by in parameters.actors:
            return parameters.actors[by], f"actor:{by}"
        party = next((actor.party for actor in scenario.actors if actor.id == by), None)
        if party is not None and party in parameters.parties:
            return parameters.parties[party], f"party:{party}"
    name = kind.value if model.kinds else "credibility"
    return parameters.get(name), name
