# Sourced by the build and lint scripts: $PY is the project's interpreter — the .venv made by
# setup.sh when there is one, else python3 (a developer's own environment).
if [ -x .venv/bin/python ]; then PY=.venv/bin/python; else PY=${PYTHON:-python3}; fi
