"""`python3 -m execbench.commands NAME ARGS...` runs commands/<NAME>.py as
scripts/<name> would: how scripts/run runs the commands it has no script
for (rounds, keep_run, keep_batches)."""

import sys

from execbench import commands

if len(sys.argv) < 2:
    sys.exit("usage: python3 -m execbench.commands NAME [ARGS...]")
commands.run(sys.argv.pop(1))
