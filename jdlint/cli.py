"""jdlint's command line: ``main(argv=None) -> int``. The only module that
prints or decides the exit code.

``jdlint PATH...`` lints. If the first word is exactly ``inspect``, ``rules``
or ``explain`` it is that subcommand; to lint a path spelled like one, write
``./rules`` or ``jdlint -- rules``. spaCy is imported only on the lint and
inspect paths (``jdlint.analysis``), never for ``--help``, ``rules`` or
``explain``.
"""
from __future__ import annotations

import codecs
import dataclasses
import os
import sys
import traceback
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import click

from jdlint import __version__
from jdlint.config import (
    Config, ConfigError, check_rule_ids, find_config, load_config, resolve_selector,
)
from jdlint.formatters import FORMATTERS, INSPECT_FORMATTERS, error_location
from jdlint.model import SEVERITIES, InputError, Posting, Report, Result
from jdlint.rules import Rule, RuleError

EXIT_OK = 0  # no finding at or above --fail-on, no input error
EXIT_FINDINGS = 1  # at least one finding at or above --fail-on
EXIT_ERROR = 2  # input, usage, configuration, rule file or internal error

SUBCOMMANDS = ("inspect", "rules", "explain")
DEFAULT_MAX_SIZE = 5 * 1024 * 1024

# --require-filled selects the meta rule that reports template placeholders
# (the reader notes them on every posting; the rule is off by default).
PLACEHOLDER_RULE_ID = "JD004"


class UserError(Exception):
    """Something the user can fix; printed without a traceback, exit 2."""


def _comma_list(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _selection_options(function):
    for option in reversed((
        click.option("--config", "config_file", type=click.Path(dir_okay=False),
                     help="Use this configuration file instead of searching for one."),
        click.option("--select", multiple=True, metavar="RULES",
                     help="Only these rules (comma list of ids, prefixes like JD3, or names)."),
        click.option("--extend-select", multiple=True, metavar="RULES",
                     help="Add these rules to the selection."),
        click.option("--ignore", multiple=True, metavar="RULES",
                     help="Leave out these rules."),
        click.option("--debug", is_flag=True, help="Show Python tracebacks on errors."),
    )):
        function = option(function)
    return function


def _input_options(function):
    for option in reversed((
        click.option("--exclude", multiple=True, metavar="GLOB",
                     help="Skip files matching GLOB (repeatable)."),
        click.option("--stdin-filename", metavar="NAME",
                     help="What '-' (standard input) is called; NAME.jsonl makes it an export."),
        click.option("--max-size", type=click.IntRange(min=1), metavar="BYTES",
                     help=f"Largest posting read, in bytes (default {DEFAULT_MAX_SIZE})."),
        click.option("--encoding", metavar="NAME", help="Text encoding of inputs (default utf-8)."),
    )):
        function = option(function)
    return function


# ---- settings: configuration file + command line ----

def _settings(config_file: str | None, select, extend_select, ignore) -> tuple[Config, Config]:
    """(the file's configuration, the command line's selectors as a Config)."""
    if config_file is not None:
        if not Path(config_file).is_file():
            raise ConfigError(f"{config_file}: no such configuration file")
        config = load_config(Path(config_file))
    else:
        found = find_config()
        config = load_config(found) if found else Config()
    cli = Config(select=_comma_list(select), extend_select=_comma_list(extend_select),
                 ignore=_comma_list(ignore))
    return config, cli


def _load_rules(config: Config, cli: Config, require_filled: bool = False
                ) -> tuple[tuple[Rule, ...], tuple[Rule, ...]]:
    """(every rule, the selected ones with the configuration's options).
    The command line's select replaces the file's; the rest add up."""
    from jdlint.rules import load_rules, select_rules

    rules = load_rules(extra_dirs=config.extra_rules)
    check_rule_ids(config, rules)
    check_rule_ids(dataclasses.replace(cli, path="the command line"), rules)
    extend = config.extend_select + cli.extend_select
    if require_filled:
        extend += (PLACEHOLDER_RULE_ID,)
    try:
        selected = select_rules(
            rules,
            select=cli.select or config.select,
            extend_select=extend,
            ignore=config.ignore + cli.ignore,
            overrides=config.rules,
        )
    except RuleError as error:
        raise ConfigError(f"{config.path or 'configuration'}: {error}") from None
    return rules, selected


def _read(paths, config: Config, exclude, stdin_filename, max_size, encoding
          ) -> Iterator[Posting | InputError]:
    from jdlint.reader import read_inputs

    encoding = encoding or config.encoding or "utf-8"
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise click.BadParameter(f"unknown encoding {encoding!r}", param_hint="--encoding")
    return read_inputs(
        paths,
        exclude=config.exclude + tuple(exclude),
        stdin_filename=stdin_filename,
        max_bytes=max_size or config.max_size or DEFAULT_MAX_SIZE,
        encoding=encoding,
        base_dir=config.root,
    )


def _split(items: Iterable[Posting | InputError], errors: list[InputError]) -> Iterator[Posting]:
    """Postings in order; input errors go to ``errors`` and stderr."""
    for item in items:
        if isinstance(item, InputError):
            _report_error(errors, item)
            continue
        yield item


def _internal_error(posting: Posting, error: Exception, debug: bool) -> InputError:
    """Analysing or linting one posting raised: an internal error (exit 2)
    reported like an input error, so the other postings are still linted
    and reported; with --debug, the traceback."""
    if debug:
        raise error
    where = f" (record {posting.record})" if posting.record is not None else ""
    return InputError(posting.path, posting.source_line,
                      f"internal error{where}: {type(error).__name__}: {error} "
                      "(run with --debug for a traceback)")


def _report_error(errors: list[InputError], item: InputError) -> None:
    errors.append(item)
    click.echo(f"jdlint: {error_location(item)}: {item.message}", err=True)


def _per_file_ignores(config: Config, rules: Sequence[Rule]):
    """path -> the rule ids ``per-file-ignores`` leaves out there, resolved
    once per path (every record of a .jsonl file shares its path)."""
    resolved: dict[str, frozenset[str]] = {}

    def ignored_for(path: str) -> frozenset[str]:
        ids = resolved.get(path)
        if ids is None:
            ids = resolved[path] = frozenset(
                rule_id for selector in config.ignored_for(path)
                for rule_id in resolve_selector(selector, rules))
        return ids
    return ignored_for


def _exit_code(report: Report, fail_on: str) -> int:
    if report.errors:
        return EXIT_ERROR
    worst = SEVERITIES.index(fail_on)
    for result in report.results:
        if any(SEVERITIES.index(f.severity) <= worst for f in result.findings):
            return EXIT_FINDINGS
    return EXIT_OK


def _write(output: str, output_file: str | None) -> None:
    if output_file is None:
        click.echo(output, nl=False)
        return
    try:
        Path(output_file).write_text(output, encoding="utf-8")
    except OSError as error:
        raise UserError(f"cannot write {output_file}: {error.strerror or error}") from None


def _use_color(no_color: bool, output_file: str | None) -> bool:
    if no_color or os.environ.get("NO_COLOR") or output_file is not None:
        return False
    return sys.stdout.isatty()


# ---- commands ----

@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--format", "fmt", type=click.Choice(list(FORMATTERS)), default="text",
              show_default=True, help="Output format.")
@click.option("--fail-on", type=click.Choice(SEVERITIES),
              help="Exit 1 on a finding at or above this severity (default error).")
@click.option("--quiet", "-q", is_flag=True, help="Text: only findings, no summary.")
@click.option("--no-color", is_flag=True, help="No colour (also: the NO_COLOR variable).")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False),
              help="Write the report to this file instead of standard output.")
@click.option("--require-filled", is_flag=True, default=None,
              help="Report template placeholders ({{company}}, [Company Name], <ROLE>, "
                   "${location}) as JD004 findings.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=None, metavar="N",
              help="Processes to lint a large batch with (default 0: one per CPU, at most 4; "
                   "never more than the CPUs; `jobs` in the configuration); "
                   "the output is the same whatever N.")
@_input_options
@_selection_options
@click.version_option(__version__, "--version", prog_name="jdlint")
def lint_command(paths, fmt, fail_on, quiet, no_color, output_file, jobs, exclude,
                 stdin_filename, max_size, encoding, require_filled, config_file, select,
                 extend_select, ignore, debug) -> int:
    """Lint job descriptions (Markdown, text, or .jsonl exports).

    \b
    Subcommands (when the first word is exactly one of them):
      jdlint rules            list the rules
      jdlint explain JD301    explain one rule
      jdlint inspect PATH...  show what jdlint understood of postings
    To lint a path named like a subcommand, write ./rules or -- rules.
    Exit codes: 0 clean, 1 findings at or above --fail-on, 2 errors.
    """
    config, cli = _settings(config_file, select, extend_select, ignore)
    require_filled = config.require_filled if require_filled is None else require_filled
    rules, selected = _load_rules(config, cli, require_filled)
    errors: list[InputError] = []
    items = _read(paths, config, exclude, stdin_filename, max_size, encoding)

    from jdlint.analysis import Analyzer  # imports spaCy: only on this path
    from jdlint.engine import Linter
    from jdlint.workers import run_all

    linter = Linter(selected, known=(key for rule in rules for key in (rule.id, rule.name)))
    ignored_for = _per_file_ignores(config, rules)
    analyzer = Analyzer(extra_taxonomy=config.extra_taxonomy)

    def lint_slice(items: Sequence[Posting | InputError]) -> list[Result | InputError]:
        """A result, an input error or an internal error for each item, in
        input order (in a worker process when there are several jobs)."""
        slot = {id(item): i for i, item in enumerate(items)}
        outcomes: list[Result | InputError] = list(items)  # input errors stay in place

        def failed(posting: Posting, error: Exception) -> None:
            outcomes[slot[id(posting)]] = _internal_error(posting, error, debug)

        postings = [item for item in items if not isinstance(item, InputError)]
        for analysis in analyzer.analyse(postings, on_error=failed):
            posting = analysis.posting
            try:
                findings = linter.lint(analysis, ignore=ignored_for(posting.path))
            except Exception as error:
                failed(posting, error)
                continue
            outcomes[slot[id(posting)]] = Result(posting=posting, facts=analysis.facts,
                                                 findings=findings)
        return outcomes

    def prepare(items: Sequence[Posting | InputError]) -> None:
        analyzer.prepare([item for item in items if not isinstance(item, InputError)])

    results = []
    jobs = config.jobs if jobs is None else jobs
    for outcome in run_all(items, lint_slice, 1 if debug else jobs, prepare=prepare):
        if isinstance(outcome, InputError):
            _report_error(errors, outcome)
        else:
            results.append(outcome)
    report = Report(results=tuple(results), errors=tuple(errors))

    if fmt == "text":
        output = FORMATTERS["text"](report, selected, color=_use_color(no_color, output_file),
                                    quiet=quiet)
    else:
        output = FORMATTERS[fmt](report, selected)
    _write(output, output_file)
    return _exit_code(report, fail_on or config.fail_on or "error")


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--format", "fmt", type=click.Choice(list(INSPECT_FORMATTERS)), default="text",
              show_default=True, help="Output format.")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False),
              help="Write to this file instead of standard output.")
@_input_options
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              help="Use this configuration file instead of searching for one.")
@click.option("--debug", is_flag=True, help="Show Python tracebacks on errors.")
def inspect_command(paths, fmt, output_file, exclude, stdin_filename, max_size, encoding,
                    config_file, debug) -> int:
    """Show what jdlint understood of each posting, without judging it."""
    config, _ = _settings(config_file, (), (), ())
    errors: list[InputError] = []
    items = _read(paths, config, exclude, stdin_filename, max_size, encoding)

    from jdlint.analysis import Analyzer  # imports spaCy: only on this path

    analyzer = Analyzer(extra_taxonomy=config.extra_taxonomy)
    def failed(posting: Posting, error: Exception) -> None:
        _report_error(errors, _internal_error(posting, error, debug))

    analyses = list(analyzer.analyse(_split(items, errors), on_error=failed))
    _write(INSPECT_FORMATTERS[fmt](analyses, errors), output_file)
    return EXIT_ERROR if errors else EXIT_OK


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@_selection_options
def rules_command(config_file, select, extend_select, ignore, debug) -> int:
    """List the rules: id, name, severity, enabled under the current configuration, summary."""
    config, cli = _settings(config_file, select, extend_select, ignore)
    rules, selected = _load_rules(config, cli, config.require_filled)
    by_id = {rule.id: rule for rule in selected}
    rows = [("id", "name", "severity", "enabled", "summary")]
    for rule in sorted(rules, key=lambda r: r.id):
        effective = by_id.get(rule.id, rule)
        enabled = "yes" if rule.id in by_id else "no"
        rows.append((rule.id, rule.name, effective.severity, enabled, rule.summary))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths)]
        click.echo("  ".join(cells + [row[4]]).rstrip())
    return EXIT_OK


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("rule_id", metavar="RULE")
@_selection_options
def explain_command(rule_id, config_file, select, extend_select, ignore, debug) -> int:
    """Explain one rule (by id like JD301, or by name)."""
    config, cli = _settings(config_file, select, extend_select, ignore)
    rules, selected = _load_rules(config, cli)
    rule = next((r for r in rules if r.id == rule_id.upper() or r.name == rule_id), None)
    if rule is None:
        raise UserError(f"no rule {rule_id!r}; `jdlint rules` lists them")
    effective = next((r for r in selected if r.id == rule.id), rule)
    click.echo(_explanation(rule, effective), nl=False)
    return EXIT_OK


def _indent(text: str, prefix: str = "    ") -> str:
    return "".join(prefix + line + "\n" for line in text.rstrip("\n").splitlines())


def _show(value: object) -> str:
    """An option value as it would be written in YAML flow style."""
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_show(v)}" for k, v in value.items()) + "}"
    return str(value).lower() if isinstance(value, bool) else str(value)


def _explanation(rule: Rule, effective: Rule) -> str:
    parts = [f"{rule.id} {rule.name} ({effective.severity})\n", f"\n{rule.summary}\n"]
    parts.append("\nWhy:\n" + _indent(rule.why or "(not given)"))
    if rule.source:
        parts.append(f"\nSource: {rule.source}\n")
    if rule.scope:
        parts.append(f"\nApplies in sections: {', '.join(rule.scope)}\n")
    for key, values in rule.when.items():
        parts.append(f"Applies when {key} is: {', '.join(values)}\n")
    if rule.unless:
        parts.append("Does not apply when " + " and ".join(
            f"{key} is {' or '.join(values)}" for key, values in rule.unless.items()) + "\n")
    if rule.unless_text:
        phrases = [p for per_language in rule.unless_text.phrases.values() for p in per_language]
        parts.append(f"Does not apply when a {' or '.join(rule.unless_text.sections)} section "
                     f"says one of: {'; '.join(phrases)}\n")
    if rule.options:
        parts.append("\nOptions (set them under `rules: {%s: {...}}`):\n" % rule.id)
        for name, default in rule.options.items():
            current = effective.options.get(name, default)
            changed = "" if current == default else f" (in effect: {_show(current)})"
            parts.append(f"    {name}: {_show(default)}{changed}\n")
    for title, examples in (("Passes", rule.passes), ("Fails", rule.fails)):
        for number, example in enumerate(examples, 1):
            note = f" ({example.note})" if example.note else ""
            parts.append(f"\n{title}, example {number} [{example.language}]{note}:\n")
            parts.append(_indent(example.text))
    return "".join(parts)


COMMANDS = {"inspect": inspect_command, "rules": rules_command, "explain": explain_command}


def main(argv: Sequence[str] | None = None) -> int:
    """Run jdlint; return the exit code (0, 1 or 2)."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    if args and args[0] in COMMANDS:
        command, prog, args = COMMANDS[args[0]], f"jdlint {args[0]}", args[1:]
    else:
        command, prog = lint_command, "jdlint"
    try:
        code = command.main(args, prog_name=prog, standalone_mode=False)
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.ClickException as error:
        error.show()
        return EXIT_ERROR
    except BrokenPipeError:  # `jdlint ... | head`: the reader left; say nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR
    except (click.Abort, KeyboardInterrupt):
        click.echo("jdlint: interrupted", err=True)
        return EXIT_ERROR
    except (ConfigError, RuleError, UserError) as error:
        if debug:
            traceback.print_exc()
        click.echo(f"jdlint: {error}", err=True)
        return EXIT_ERROR
    except Exception as error:  # an internal error: exit 2, traceback only with --debug
        if debug:
            traceback.print_exc()
        else:
            click.echo(f"jdlint: internal error: {type(error).__name__}: {error} "
                       "(run with --debug for a traceback)", err=True)
        return EXIT_ERROR
    return EXIT_OK if code is None else code
