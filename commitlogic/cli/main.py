"""The ``commitlogic`` command (SPEC section 4).

Exit codes: 0 when an answer was computed, 1 when ``check`` finds the
scenario inconsistent, 2 for bad input or usage, 3 when the solver hit
``--time-limit`` or ``--model-limit`` first, with one message on stderr and
never a traceback.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn, TextIO

from commitlogic import __version__
from commitlogic.analysis.timelines import Change, Timeline, WhatIf, timeline, what_if
from commitlogic.cli import sweep as cli_sweep
from commitlogic.io.editing import add_statement, observe
from commitlogic.io.export import asp_program
from commitlogic.io.files import write_atomically
from commitlogic.io.graph import FORMATS, dot_source, render
from commitlogic.io.loading import load
from commitlogic.model.dates import When, parse_when
from commitlogic.model.errors import ScenarioError, SolverLimit
from commitlogic.model.formulas import parse_formula
from commitlogic.model.scenario import Kind, Scenario, Statement
from commitlogic.reasoning.reasoner import Reasoner
from commitlogic.reasoning.results import Explanation, State, Status, StatusReport

__all__ = ["main"]

EXIT_OK, EXIT_INCONSISTENT, EXIT_USAGE = 0, 1, 2
#: The solver hit --time-limit or --model-limit before answering.
EXIT_LIMIT = 3


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="commitlogic",
        description="Reason about political commitments: which meeting outcomes are "
        "certain, possible or impossible, and which commitments hold.",
        epilog="Exit codes: 0 answer computed, 1 check found no outcome, 2 bad input or "
        "usage (sweep: some input), 3 the solver hit --time-limit or --model-limit.",
    )
    parser.add_argument("--version", action="version", version=f"commitlogic {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    def limit_options(command: argparse.ArgumentParser) -> None:
        command.add_argument(
            "--time-limit",
            metavar="SECONDS",
            type=_positive(float),
            help="give up (exit code 3) when a query needs longer in the solver",
        )
        command.add_argument(
            "--model-limit",
            metavar="N",
            type=_positive(int),
            help="give up (exit code 3) when one solver call needs more models",
        )

    def query_options(
        command: argparse.ArgumentParser,
        *,
        at: bool = True,
        tolerant: bool = False,
        limits: bool = True,
    ) -> None:
        command.add_argument("file", metavar="FILE", help="the scenario file (TOML)")
        command.add_argument(
            "--assume",
            metavar="FORMULA",
            action="append",
            default=[],
            help="assume this formula holds (what-if); repeat for several",
        )
        if at:
            command.add_argument(
                "--at",
                metavar="DATE",
                help="replay the scenario at this date or datetime (ISO, e.g. 2025-05-14)",
            )
        if tolerant:
            command.add_argument(
                "--tolerant",
                action="store_true",
                help="commitments are soft: take the outcomes that break the least total "
                "weight of commitments (observed facts and assumptions stay hard)",
            )
        if limits:
            limit_options(command)

    def json_option(command: argparse.ArgumentParser, what: str) -> None:
        command.add_argument("--json", action="store_true", help=f"print {what} (SPEC)")

    status = commands.add_parser(
        "status",
        help="statuses of atoms, outcomes and commitments",
        description="Print which atoms and outcomes are certain, possible or impossible, "
        "and the states each active commitment can take.",
    )
    query_options(status, tolerant=True)
    json_option(status, "one JSON object")

    check = commands.add_parser(
        "check",
        help="is the scenario consistent? (exit code 1 if not)",
        description="Tell whether at least one outcome satisfies every active statement "
        "and assumption; when none does, name a minimal conflict and exit with 1.",
    )
    query_options(check)

    explain = commands.add_parser(
        "explain",
        help="why a formula is certain, possible or impossible",
        description="For a certain or impossible formula, name a minimal set of statements "
        "and assumptions that already forces it, with who said each and when; for a "
        "possible one, show an outcome where it holds and one where it fails.",
    )
    query_options(explain)
    explain.add_argument("formula", metavar="FORMULA", help="the formula to explain")
    json_option(explain, "one JSON object")

    replay = commands.add_parser(
        "timeline",
        help="replay the scenario at each date something was said",
        description="Replay the scenario at each distinct 'said' date: which statements "
        "became active or were superseded, and which statuses changed.",
    )
    query_options(replay, at=False, tolerant=True)
    json_option(replay, "a JSON list, one object per date")
    replay.add_argument(
        "--plot",
        metavar="PATH",
        help="also draw the statuses of the outcomes over time (.png, .svg or .pdf; "
        "needs matplotlib: pip install 'commitlogic[plot]')",
    )

    sweep = commands.add_parser(
        "whatif",
        help="which candidate facts would change the most",
        description="Assume each candidate fact in turn (by default: each invited actor "
        "absent from each event) and report which outcomes and atoms change, the facts "
        "that decide the most first.  All candidates are answered on one ground program.",
    )
    query_options(sweep, tolerant=True)
    sweep.add_argument(
        "--candidate",
        metavar="FORMULA",
        action="append",
        help="a candidate fact; repeat for several (default: every absent(actor, event))",
    )
    json_option(sweep, "a JSON list, one object per candidate, ranked")
    cli_sweep.add_parser(commands, limit_options)
    _file_commands(commands, functools.partial(query_options, limits=False))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    parser = _parser()
    arguments = parser.parse_args(argv)
    if arguments.command in _FILE_COMMANDS:
        return _run_file_command(parser, arguments)
    try:
        if arguments.command == "sweep":
            return cli_sweep.run(arguments)
        scenario = load(arguments.file)
        assume, at = _query_arguments(arguments, scenario)
        reasoner = Reasoner(
            scenario,
            tolerant=getattr(arguments, "tolerant", False),
            time_limit=arguments.time_limit,
            model_limit=arguments.model_limit,
        )
        return _COMMANDS[arguments.command](arguments, reasoner, assume, at)
    except ScenarioError as error:
        print(f"commitlogic: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except SolverLimit as error:
        print(f"commitlogic: limit: {error} {_RAISE_LIMITS}", file=sys.stderr)
        return EXIT_LIMIT
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, as other tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


_RAISE_LIMITS = "(raise --time-limit or --model-limit)"


def _positive(kind: type[int] | type[float]) -> Callable[[str], float]:
    """Return an argparse type: a positive number of ``kind`` (int or float)."""

    def convert(text: str) -> float:
        try:
            value: float = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"expected a positive number, got {text!r}")
        return value

    return convert


def _status(
    arguments: argparse.Namespace, reasoner: Reasoner, assume: list[str], at: When | None
) -> int:
    report = reasoner.status(assume=assume, at=at)
    if arguments.json:
        _print_json(report.to_json())
    else:
        _print_status(report, reasoner.scenario, assume, at, sys.stdout)
    return EXIT_OK


def _check(
    _arguments: argparse.Namespace, reasoner: Reasoner, assume: list[str], at: When | None
) -> int:
    conflict = reasoner.conflict(assume=assume, at=at)
    _print_check(conflict, reasoner.scenario, sys.stdout)
    return EXIT_OK if conflict is None else EXIT_INCONSISTENT


def _explain(
    arguments: argparse.Namespace, reasoner: Reasoner, assume: list[str], at: When | None
) -> int:
    _check_formula(arguments.formula, "FORMULA", reasoner.scenario)
    explanation = reasoner.explain(arguments.formula, assume=assume, at=at)
    if arguments.json:
        _print_json(explanation.to_json())
    else:
        _print_explanation(explanation, reasoner.scenario, assume, at, sys.stdout)
    return EXIT_OK


def _timeline(
    arguments: argparse.Namespace, reasoner: Reasoner, assume: list[str], _at: When | None
) -> int:
    plot = None
    if arguments.plot is not None:
        from commitlogic.analysis import plotting  # matplotlib is optional, and slow to import

        plot = plotting.check_destination(arguments.plot)
    replay = timeline(reasoner, assume=assume)
    if plot is not None:
        plotting.plot_timeline(replay, plot, title=reasoner.scenario.name)
    if arguments.json:
        _print_json(replay.to_json())
    else:
        _print_timeline(replay, reasoner, assume, sys.stdout)
    return EXIT_OK


def _whatif(
    arguments: argparse.Namespace, reasoner: Reasoner, assume: list[str], at: When | None
) -> int:
    for text in arguments.candidate or ():
        _check_formula(text, "--candidate", reasoner.scenario)
    answers = what_if(reasoner, arguments.candidate, assume=assume, at=at)
    if arguments.json:
        _print_json([_whatif_json(answer) for answer in answers])
    else:
        _print_whatif(answers, reasoner, assume, at, sys.stdout)
    return EXIT_OK


_Command = Callable[[argparse.Namespace, Reasoner, list[str], When | None], int]

#: The commands that query a scenario, by name.
_COMMANDS: dict[str, _Command] = {
    "status": _status,
    "check": _check,
    "explain": _explain,
    "timeline": _timeline,
    "whatif": _whatif,
}


def _check_formula(text: str, option: str, scenario: Scenario) -> None:
    try:
        scenario.check_formula(parse_formula(text))
    except ScenarioError as error:
        raise ScenarioError(f"{option} {text!r}: {error.reason}") from None


def _query_arguments(
    arguments: argparse.Namespace, scenario: Scenario
) -> tuple[list[str], When | None]:
    for text in arguments.assume:
        _check_formula(text, "--assume", scenario)
    at = None
    if getattr(arguments, "at", None) is not None:
        try:
            at = parse_when(arguments.at)
        except ScenarioError as error:
            raise ScenarioError(f"--at: {error.reason}") from None
    return arguments.assume, at


# --------------------------------------------------------------------------- text output


def _print_json(value: object) -> None:
    # One write: json.dump would call write once per token (about a million at 100,000 statements).
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False) + "\n")


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], out: TextIO) -> None:
    """Write rows under headers, in aligned columns, then a blank line."""
    cells = [list(headers), [""] * len(headers), *(list(map(str, row)) for row in rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    cells[1] = ["-" * width for width in widths]
    for row in cells:
        out.write(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )
        out.write("\n")
    out.write("\n")


def _heading(scenario: Scenario, assume: list[str], at: When | None, out: TextIO) -> None:
    out.write(f"{scenario.name}\n")
    if at is not None:
        out.write(f"  at {at.isoformat()}\n")
    for text in assume:
        out.write(f"  assuming {text}\n")
    out.write("\n")


def _print_status(
    report: StatusReport, scenario: Scenario, assume: list[str], at: When | None, out: TextIO
) -> None:
    _heading(scenario, assume, at, out)
    if not report.consistent:
        _print_conflict(report.conflict or (), scenario, out)
        return
    if report.cost is None:
        out.write("consistent: at least one outcome satisfies every active statement\n\n")
    else:
        out.write(f"tolerant: the best outcomes break commitments of total weight {report.cost}\n")
        out.write(f"  broken in every best outcome: {', '.join(report.broken) or 'none'}\n")
        out.write(f"  broken in some best outcomes: {', '.join(report.at_risk) or 'none'}\n\n")
    if report.outcomes:
        _table(("outcome", "status"), sorted(report.outcomes.items()), out)
    if report.atoms:
        _table(("atom", "status"), sorted(report.atoms.items()), out)
    if report.commitments:
        settled = report.settled
        rows = [
            (name, ", ".join(states), f"settled: {settled[name]}" if name in settled else "open")
            for name, states in sorted(report.commitments.items())
        ]
        _table(("commitment", "states across outcomes", "lifecycle"), rows, out)


def _print_conflict(conflict: Sequence[str], scenario: Scenario, out: TextIO) -> None:
    out.write("inconsistent: no outcome satisfies every active statement and assumption\n")
    out.write("minimal conflict (these have no outcome together; ")
    out.write("without any one of them they have one):\n")
    _print_reasons(conflict, scenario, out)


def _print_reasons(names: Sequence[str], scenario: Scenario, out: TextIO) -> None:
    """List statements with their provenance (who, to whom, when, quote, source)."""
    for name in names:
        if name.startswith("assume:"):
            out.write(f"  - {name} (a what-if assumption)\n")
            continue
        statement = scenario.statement(name)
        out.write(f"  - {name}: {_provenance(statement)}\n")
        out.write(f"      {_meaning(statement)}\n")
        if statement.quote:
            quote = " ".join(statement.quote.split())
            out.write(f'      "{quote}"\n')
        if statement.source:
            out.write(f"      source: {statement.source}\n")


def _provenance(statement: Statement) -> str:
    """Who said it, to whom and when: ``only_if by zelensky to putin, said 2025-05-11``."""
    words = [statement.kind.value]
    if statement.by:
        words.append(f"by {statement.by}")
    if statement.to:
        words.append(f"to {statement.to}")
    text = " ".join(words)
    return f"{text}, said {statement.said.isoformat()}" if statement.said else text


def _meaning(statement: Statement) -> str:
    """The statement as a rule over formulas, in the words of SPEC section 3."""
    subject, condition = statement.subject, statement.condition
    match statement.kind.value:
        case "refuses":
            return f"not {subject}"
        case "if":
            return f"if {condition} then {subject}"
        case "only_if":
            return f"{subject} only if {condition}"
        case "might" if condition is not None:
            return f"might: {subject}, if {condition}"
        case "might":
            return f"might: {subject}"
        case _:
            return str(subject)


def _print_explanation(
    explanation: Explanation, scenario: Scenario, assume: list[str], at: When | None, out: TextIO
) -> None:
    _heading(scenario, assume, at, out)
    if explanation.status is None:
        _print_conflict(explanation.because or (), scenario, out)
        return
    out.write(f"{explanation.formula} is {explanation.status}\n")
    declared = {outcome.id: outcome.when for outcome in scenario.outcomes}
    if explanation.formula in declared:
        # SPEC section 2: a bare name in a formula is a free proposition.
        out.write(
            f"(read as a free proposition; for the declared outcome {explanation.formula}, "
            f'explain its formula: "{declared[explanation.formula]}")\n'
        )
    if explanation.witnesses is not None:
        for label, atoms in (
            ("it holds in this outcome", explanation.witnesses.holds),
            ("it fails in this outcome", explanation.witnesses.fails),
        ):
            out.write(f"{label} (true atoms; all others false):\n")
            out.write("".join(f"  - {atom}\n" for atom in atoms) or "  (none)\n")
        return
    forced = "it" if explanation.status is Status.CERTAIN else "its negation"
    if not explanation.because:
        out.write(f"whatever is said: {forced} holds in every truth assignment\n")
        return
    out.write(f"because of these, which alone make {forced} certain ")
    out.write("(without any one of them they would not):\n")
    _print_reasons(explanation.because, scenario, out)


def _print_timeline(replay: Timeline, reasoner: Reasoner, assume: list[str], out: TextIO) -> None:
    scenario = reasoner.scenario
    _heading(scenario, assume, None, out)
    if not replay.entries:
        out.write("no statement has a 'said' date: nothing to replay\n")
        return
    for entry in replay:
        report = entry.report
        summary = "consistent" if report.consistent else "inconsistent"
        if report.cost is not None:
            summary += f", cost {report.cost}"
        out.write(f"{entry.at.isoformat()}  {len(entry.active)} active, {summary}\n")
        for sid in entry.became_active:
            out.write(f"  + {sid}: {_provenance(scenario.statement(sid))}\n")
        for sid in entry.superseded:
            out.write(f"  - {sid}: superseded\n")
        if not report.consistent:
            out.write(f"  conflict: {', '.join(report.conflict or ())}\n")
        rows = [_change_row(change) for change in entry.changes if report.consistent]
        if rows:
            out.write("\n")
            _table(("changed", "name", "before", "now"), rows, out)
        else:
            out.write("\n")


def _change_row(change: Change) -> tuple[str, str, str, str]:
    return (change.kind, change.name, _answer_text(change.before), _answer_text(change.after))


def _answer_text(value: Status | tuple[State, ...] | None) -> str:
    """A status, or the states of a commitment, or ``-`` for no answer."""
    if value is None:
        return "-"
    return value if isinstance(value, str) else ", ".join(value)


def _whatif_json(answer: WhatIf) -> dict[str, object]:
    return {
        "candidate": answer.candidate,
        "consistent": answer.report.consistent,
        "changes": [
            {
                "kind": change.kind,
                "name": change.name,
                "before": _json_value(change.before),
                "after": _json_value(change.after),
            }
            for change in answer.changes
        ],
        "conflict": None if answer.report.conflict is None else list(answer.report.conflict),
    }


def _json_value(value: Status | tuple[State, ...] | None) -> str | list[str] | None:
    if value is None or isinstance(value, str):
        return value
    return [str(item) for item in value]


def _print_whatif(
    answers: list[WhatIf], reasoner: Reasoner, assume: list[str], at: When | None, out: TextIO
) -> None:
    _heading(reasoner.scenario, assume, at, out)
    rows = []
    for answer in answers:
        if not answer.report.consistent:
            effect = f"contradicts: {', '.join(answer.report.conflict or ())}"
        else:
            changed = [c for c in answer.changes if c.kind == "outcome"]
            effect = ", ".join(f"{c.name} {c.before}->{c.after}" for c in changed) or "-"
        rows.append((answer.candidate, str(answer.decided), effect))
    _table(("candidate fact", "settles", "outcomes it changes"), rows, out)


def _print_check(conflict: tuple[str, ...] | None, scenario: Scenario, out: TextIO) -> None:
    if conflict is None:
        out.write(f"{scenario.name}: consistent\n")
    else:
        out.write(f"{scenario.name}: ")
        _print_conflict(conflict, scenario, out)


# ----------------------------------------------------- files: add, observe, asp, graph


def _file_commands(
    commands: argparse._SubParsersAction[Any],
    query_options: Callable[..., None],
) -> None:
    """Add the commands that edit, export or draw a scenario file, and ``completion``."""
    add = commands.add_parser(
        "add",
        help="append a statement to a scenario file (validated, atomic)",
        description="Append a [[statements]] table to FILE. The new file is checked before "
        "it replaces the old one, in one atomic step; a rejected statement leaves FILE "
        "unchanged (exit code 2).",
    )
    add.add_argument("file", metavar="FILE", help="the scenario file (TOML)")
    add.add_argument("--id", required=True, help="the new statement's id")
    add.add_argument(
        "--kind", required=True, choices=[kind.value for kind in Kind], help="its kind"
    )
    add.add_argument("--by", metavar="ACTOR", help="who said it (not needed for observed)")
    add.add_argument("--to", metavar="ACTOR", help="to whom it was said")
    add.add_argument("--said", metavar="DATE", help="when (ISO date or datetime)")
    add.add_argument("--quote", help="what was said, as quoted")
    add.add_argument("--source", help="where it was reported (a URL)")
    add.add_argument("--weight", type=int, help="its weight in tolerant mode (default 1)")
    add.add_argument("--subject", metavar="FORMULA", required=True, help="the subject")
    add.add_argument("--condition", metavar="FORMULA", help="the condition (if, only_if, might)")
    add.add_argument(
        "--supersedes", metavar="ID", nargs="+", default=[], help="statements it replaces"
    )

    observe = commands.add_parser(
        "observe",
        help="append an observed fact to a scenario file (validated, atomic)",
        description="Append an observed statement of FORMULA to FILE, as 'add --kind observed' "
        "does; without --id it is named observed_1, observed_2, ...",
    )
    observe.add_argument("file", metavar="FILE", help="the scenario file (TOML)")
    observe.add_argument("formula", metavar="FORMULA", help="what was observed")
    observe.add_argument("--said", metavar="DATE", required=True, help="when it was observed")
    observe.add_argument("--id", help="the statement's id (default: the next observed_N)")
    observe.add_argument("--quote", help="the report, as quoted")
    observe.add_argument("--source", help="where it was reported (a URL)")

    asp = commands.add_parser(
        "asp",
        help="print the complete ASP program of a query, for plain clingo",
        description="Print the rule files, the scenario's facts and the query (the statements "
        "active at --at, the assumptions) as one program: 'clingo PROGRAM 0 "
        "--enum-mode=brave' (or cautious) reproduces the statuses; with --tolerant, add "
        "--opt-mode=optN.",
    )
    query_options(asp, tolerant=True)

    graph = commands.add_parser(
        "graph",
        help="draw who conditioned what on whom (Graphviz DOT, SVG, PNG)",
        description="Write the dependency graph of FILE: actors, events, and an edge for each "
        "conditional statement from its condition to its subject. SVG and PNG need "
        "Graphviz's dot program.",
    )
    graph.add_argument("file", metavar="FILE", help="the scenario file (TOML)")
    graph.add_argument("-o", "--output", metavar="OUT", help="write here (default: stdout)")
    graph.add_argument(
        "--format",
        choices=FORMATS,
        help="dot, svg or png (default: from OUT's suffix, else dot)",
    )

    completion = commands.add_parser(
        "completion",
        help="print a shell completion script (bash, zsh or tcsh)",
        description="Print a completion script for SHELL; for bash, for example: "
        "commitlogic completion bash > ~/.local/share/bash-completion/completions/commitlogic",
    )
    completion.add_argument("shell", metavar="SHELL", choices=("bash", "zsh", "tcsh"))


def _run_file_command(parser: argparse.ArgumentParser, arguments: argparse.Namespace) -> int:
    try:
        return _FILE_COMMANDS[arguments.command](parser, arguments)
    except ScenarioError as error:
        print(f"commitlogic: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        name = error.filename or getattr(arguments, "output", None) or arguments.file
        print(f"commitlogic: error: {name}: {error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # pragma: no cover - as in main
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def _add(_parser: argparse.ArgumentParser, arguments: argparse.Namespace) -> int:
    fields = {
        key: getattr(arguments, key)
        for key in ("id", "kind", "by", "to", "said", "quote", "source", "weight", "subject")
    }
    fields["condition"] = arguments.condition
    fields["supersedes"] = arguments.supersedes or None
    statement = add_statement(arguments.file, fields)
    print(f"added statement {statement.id!r} to {arguments.file}")
    return EXIT_OK


def _observe(_parser: argparse.ArgumentParser, arguments: argparse.Namespace) -> int:
    statement = observe(
        arguments.file,
        arguments.formula,
        said=arguments.said,
        id=arguments.id,
        quote=arguments.quote,
        source=arguments.source,
    )
    print(f"added statement {statement.id!r} to {arguments.file}")
    return EXIT_OK


def _asp(_parser: argparse.ArgumentParser, arguments: argparse.Namespace) -> int:
    scenario = load(arguments.file)
    assume, at = _query_arguments(arguments, scenario)
    sys.stdout.write(asp_program(scenario, assume=assume, at=at, tolerant=arguments.tolerant))
    return EXIT_OK


def _graph(_parser: argparse.ArgumentParser, arguments: argparse.Namespace) -> int:
    scenario = load(arguments.file)
    output = arguments.output
    chosen = arguments.format
    if chosen is None:
        suffix = "" if output is None else os.path.splitext(output)[1].lower().lstrip(".")
        chosen = {"svg": "svg", "png": "png"}.get(suffix, "dot")
    data = render(dot_source(scenario), chosen)
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_atomically(output, data)
    return EXIT_OK


def _completion(parser: argparse.ArgumentParser, arguments: argparse.Namespace) -> int:
    import shtab

    sys.stdout.write(shtab.complete(parser, shell=arguments.shell))
    return EXIT_OK


_FILE_COMMANDS: dict[str, Callable[[argparse.ArgumentParser, argparse.Namespace], int]] = {
    "add": _add,
    "observe": _observe,
    "asp": _asp,
    "graph": _graph,
    "completion": _completion,
}
