"""Every template: what it prints is a sentence, never an internal label."""

from __future__ import annotations

import re

import pytest

from service.render import LANGUAGES, TEMPLATE_DIR

# Values that hold an intent, a state or a reading context: a template may test
# them, never print them ("r.status" is a row of tracking_table: already a label).
RAW_VALUES = ("understood", "intent", "status", "kind", "context", "state_code", "action")
LABELLED = ("r.status",)
PRINTED = re.compile(r"\{\{\s*([\w.]+)\s*(?:\|[^}]*)?\}\}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_template_prints_an_internal_value(lang):
    printed = []
    for path in sorted((TEMPLATE_DIR / lang).glob("*.*")):
        for match in PRINTED.finditer(path.read_text(encoding="utf-8")):
            name = match.group(1)
            if name.rpartition(".")[2] in RAW_VALUES and name not in LABELLED:
                printed.append(f"{path.name}: {name}")
    assert printed == []
