"""Which sizes a run measured, from the suite flags bench reports.

bench writes every suite flag into its JSON context as
execbench_flag_<name> = effective value. Two runs measured the same sizes
when those flags agree, except the ones that do not change what a benchmark
measures (IGNORED): where spans go, which worker counts run, and the exit
code of a run with a failed benchmark. Google Benchmark's own flags are not
among them. Records made before bench reported its flags have none: their
sizes are unknown, not different.

Every comparison warns when its sides measured different sizes
(inputs/paired_rounds.side_warnings): differences() names the flags.
"""

FLAG_PREFIX = "execbench_flag_"
# Flags that do not change what a benchmark measures: where spans go, which
# worker counts run, and the exit code of a run with a failed benchmark.
IGNORED = frozenset({"spans_out", "trace_out", "spans_cap", "workers",
                     "failed_exit_code"})


def size_flags(context: dict) -> dict | None:
    """flag name -> value (a string) of the flags that set sizes, or None
    when the context has no execbench_flag_* at all (an older record)."""
    flags = {key[len(FLAG_PREFIX):]: str(value)
             for key, value in context.items() if key.startswith(FLAG_PREFIX)}
    if not flags:
        return None
    return {name: value for name, value in flags.items()
            if name not in IGNORED}


def differences(first: dict, second: dict) -> list:
    """(flag, first value, second value) for every size flag that differs
    between two contexts, by flag name; "(unset)" where a side lacks it.
    Empty when either side's sizes are unknown."""
    first_flags, second_flags = size_flags(first), size_flags(second)
    if first_flags is None or second_flags is None:
        return []
    return [(name, first_flags.get(name, "(unset)"),
             second_flags.get(name, "(unset)"))
            for name in sorted(first_flags.keys() | second_flags.keys())
            if first_flags.get(name) != second_flags.get(name)]


def describe(found: list) -> str:
    """differences() as text: "cpu_iterations 100 vs 200, io_bytes ..."."""
    return ", ".join(f"{name} {first} vs {second}"
                     for name, first, second in found)
