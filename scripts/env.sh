# Sourced by the other scripts: puts the project's npm wasm-opt on PATH, and keeps trunk happy.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$root/scripts/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# trunk's boolean variables accept only true/false; NO_COLOR=1 makes it exit.
if [ -n "${NO_COLOR:-}" ]; then export NO_COLOR=true; fi
# The Python readers the tests open the .xlsx export and the printed PDF with (setup.sh --test).
export PYTHONPATH="$root/scripts/tools/py${PYTHONPATH:+:$PYTHONPATH}"
