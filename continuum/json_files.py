"""The one way Cradle parses a JSON file it is given: uploads, feeds and library files.

Python's parser recurses once per level of nesting, so a file of a few thousand `[` raises
`RecursionError`, and a file just under the interpreter's limit parses but breaks whatever
walks it next (schema validation, the importers). Every file Cradle reads is far shallower than
MAX_DEPTH, so anything deeper is refused with one readable line, before any of it is used.
"""

import json
from typing import Any

MAX_DEPTH = 64


class NestedTooDeeply(ValueError):
    def __init__(self, name: str):
        self.name = name
        self.problem = (
            f"the file is nested too deeply: it has more than {MAX_DEPTH} levels of lists "
            "and objects"
        )
        super().__init__(f"{name}: {self.problem}")


def load_json(raw: bytes | str, name: str) -> Any:
    """`json.loads`, raising NestedTooDeeply (naming the file) for nesting past MAX_DEPTH.

    Other errors (`UnicodeDecodeError`, `json.JSONDecodeError`) are left to the caller, which
    words them for its readers.
    """
    try:
        data = json.loads(raw)
    except RecursionError:
        raise NestedTooDeeply(name) from None
    if depth(data) > MAX_DEPTH:
        raise NestedTooDeeply(name)
    return data


def depth(data: Any) -> int:
    """How many lists and objects deep the document goes, counted without recursion."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict):
            value = list(value.values())
        elif not isinstance(value, list):
            continue
        deepest = max(deepest, level)
        stack.extend((item, level + 1) for item in value if isinstance(item, (dict, list)))
    return deepest
