"""HTML to article text on hostile markup: seconds per document as it grows, per shape.

    .venv/bin/python bench/html_to_text.py [--sizes 80000,800000,2097152] [--old]

Each shape repeats one opening tag up to the size (bytes): nested lists, unclosed <li> and
<p>, nested blockquotes and inline elements, and a normal article's paragraphs. Linear time
shows as seconds growing like the size. --old also times the BeautifulSoup walk this
replaced (quadratic in the nesting: expect minutes at 800 kB; it stops after 60 s a case).
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from django.core.exceptions import ValidationError  # noqa: E402

from classroom.uploads import html_to_text  # noqa: E402

SHAPES = {
    "nested <ul><li>": "<ul><li>",
    "unclosed <li>": "<li>",
    "unclosed <p>": "<p>Wort ",
    "nested <blockquote>": "<blockquote>Wort ",
    "nested <b>": "<b>",
    "paragraphs": "<p>Die Regierung hat am Montag einen neuen Plan vorgestellt.</p>\n",
}


def old_html_to_text(markup: str) -> str:
    from bs4 import BeautifulSoup  # noqa: PLC0415 - only the --old comparison needs it

    soup = BeautifulSoup(markup, "html.parser")
    root = soup.body or soup
    blocks = root.find_all(["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre"])
    return "\n\n".join(
        " ".join(b.get_text(" ").split())
        for b in blocks
        if not b.find(["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"])
    )


def timed(function, markup: str) -> str:
    started = time.perf_counter()
    try:
        function(markup)
    except ValidationError:
        return f"{time.perf_counter() - started:.2f} s (refused)"
    return f"{time.perf_counter() - started:.2f} s"


def timed_with_limit(markup: str, limit: float) -> str:
    with multiprocessing.Pool(1) as pool:
        result = pool.apply_async(timed, (old_html_to_text, markup))
        try:
            return result.get(limit)
        except multiprocessing.TimeoutError:
            return f"> {limit:.0f} s"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="80000,800000,2097152")
    parser.add_argument("--old", action="store_true")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    for name, opening in SHAPES.items():
        for size in sizes:
            markup = "<html><body>" + opening * (size // len(opening))
            line = f"{name:22} {size / 1000:7.0f} kB  new {timed(html_to_text, markup)}"
            if args.old:
                line += f"  old {timed_with_limit(markup, 60)}"
            print(line, flush=True)


if __name__ == "__main__":
    main()
