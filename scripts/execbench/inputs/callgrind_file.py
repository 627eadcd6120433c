"""The instructions of task bodies in a callgrind output file, for the exact
mode of scripts/ab (running/instruction_counts.py, docs/regressions.md).

Callgrind writes, for each call arc (caller fn=, callee cfn=), the number of
calls (calls=N) and, on the next line, their inclusive cost: here one event,
Ir, the instructions executed by the callee and everything it called. The
task bodies are the arcs from the executors' TaskRunner::Run to a workload's
RunTask, so that the instructions of the executor around them, and the calls
of the same RunTask from elsewhere (a context probe), are not counted.
Names are compressed: "(12) name" defines number 12, "(12)" refers to it.
"""

import dataclasses
import re

from execbench.inputs import bench_json

# The caller of every task body in-process executors run
# (executors/task_runner.cc).
TASK_CALLER = "execbench::TaskRunner::Run("
_NAME = re.compile(r"\((\d+)\)(?: (.*))?")


@dataclasses.dataclass(frozen=True)
class TaskInstructions:
    """What the task bodies of one process executed."""

    calls: int  # Tasks run, summed over the arcs.
    instructions: int  # Their inclusive instruction count (Ir).


def task_instructions(path: str, callee_suffix: str) -> TaskInstructions:
    """The calls and instructions of the arcs from TASK_CALLER to the
    functions whose name ends with callee_suffix, as
    "::Cpu::RunTask(int)".

    Raises:
      bench_json.InputError: when the file cannot be read or is not
        callgrind's format with Ir as its only event.
    """
    try:
        with open(path, encoding="utf-8", errors="replace") as lines:
            return _arcs(lines, callee_suffix)
    except OSError as error:
        raise bench_json.InputError(
            f"cannot read callgrind's output {path}: {error.strerror}"
        ) from None
    except ValueError as error:
        raise bench_json.InputError(
            f"{path} is not callgrind output with Ir as its only event: "
            f"{error}") from None


def _arcs(lines, callee_suffix: str) -> TaskInstructions:
    names = {}
    caller = callee = None
    calls = instructions = 0
    counting_next_cost = False
    for line in lines:
        line = line.rstrip("\n")
        if counting_next_cost:
            # "<position> <Ir>": the inclusive cost of the calls above.
            instructions += int(line.split()[-1])
            counting_next_cost = False
        elif line.startswith("events:") and line.split()[1:] != ["Ir"]:
            raise ValueError(f"its events are {line[7:].strip()!r}")
        elif line.startswith("fn="):
            caller = _name(names, line[3:])
        elif line.startswith("cfn="):
            callee = _name(names, line[4:])
        elif line.startswith("calls="):
            if (caller is not None and caller.startswith(TASK_CALLER)
                    and callee is not None
                    and callee.endswith(callee_suffix)):
                calls += int(line[6:].split()[0])
                counting_next_cost = True
    return TaskInstructions(calls=calls, instructions=instructions)


def _name(names: dict, text: str) -> str:
    """The function a fn= or cfn= line names, learning compressed names."""
    found = _NAME.fullmatch(text)
    if found is None:
        return text
    number, name = found.groups()
    if name is not None:
        names[number] = name
    if number not in names:
        raise ValueError(f"it refers to function ({number}) before naming it")
    return names[number]
