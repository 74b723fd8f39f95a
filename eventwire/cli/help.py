"""How the subcommands describe themselves in ``--help``: a line of what the command does,
its options each with its default, and examples to copy."""

from __future__ import annotations

import argparse


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Descriptions and examples as written; an option's default after its help, unless the
    help already says what the default is."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        no_default = action.default in (None, False, [], argparse.SUPPRESS)
        if "default" in text or no_default or action.required or not action.option_strings:
            return text
        return f"{text} (default: %(default)s)"


def add_command(
    sub: argparse._SubParsersAction, name: str, summary: str, examples: tuple[str, ...]
) -> argparse.ArgumentParser:
    """A subcommand with its one-line ``summary`` (shown in the list of commands and atop its
    own help) and its examples (at the end of its help)."""
    lines = "\n".join(f"  {example}" for example in examples)
    return sub.add_parser(
        name,
        help=summary,
        description=summary[0].upper() + summary[1:] + ".",
        epilog=f"example{'s' if len(examples) > 1 else ''}:\n{lines}",
        formatter_class=HelpFormatter,
    )
