#!/usr/bin/env bash
# Makes target/test-servers/venv with the deploy tests' FTP server packages
# (tests/servers/requirements.txt) unless it has them, and prints its python. Used by the tests'
# harness (tests/harness/servers.rs) and by benches/deploy.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=target/test-servers/venv
if ! "$venv/bin/python" -c 'import pyftpdlib, OpenSSL' >/dev/null 2>&1; then
  python3 -m venv "$venv" >&2
  "$venv/bin/python" -m pip install -q -r tests/servers/requirements.txt >&2
fi
echo "$PWD/$venv/bin/python"
