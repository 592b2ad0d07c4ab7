# Sourced by scripts/serve and scripts/test: the project's virtualenv in .venv.
# `make_venv` creates it with Python >= 3.11 ($PYTHON, else python3).

MIN_PYTHON="3.11"

make_venv() {
    local python="${PYTHON:-python3}"
    if [ ! -x .venv/bin/python ]; then
        if ! "$python" -c "import sys; sys.exit(sys.version_info < (${MIN_PYTHON/./, }))" 2>/dev/null; then
            echo "meetloop needs Python >= $MIN_PYTHON: set PYTHON=/path/to/python3.11 (found: $("$python" --version 2>&1))" >&2
            exit 2
        fi
        "$python" -m venv .venv
    fi
}

# An editable install (a developer's checkout) stays editable; otherwise install a copy.
is_editable() {
    .venv/bin/python -m pip show meetloop 2>/dev/null | grep -q '^Editable project location:'
}
