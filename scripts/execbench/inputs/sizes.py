"""Which sizes a run measured, from the suite flags bench reports.

bench writes every suite flag into its JSON context as
execbench_flag_<name> = effective value. Two runs measured the same sizes
when those flags agree, except the ones that do not change what a benchmark
measures (IGNORED): where spans go, which worker counts run, and the exit
code of a run with a failed benchmark. Google Benchmark's own flags are not
among them. Records made before bench reported its flags have none: their
sizes are unknown, not different.

Records that are pooled or compared must have measured the same sizes;
check() refuses them otherwise, or, where --allow-different-sizes allows
it, gives the warning that names the flags that differ.
"""

from execbench.inputs import bench_json

FLAG_PREFIX = "execbench_flag_"
# Flags that do not change what a benchmark measures: where spans go, which
# worker counts run, and the exit code of a run with a failed benchmark.
IGNORED = frozenset({"spans_out", "trace_out", "spans_cap", "workers",
                     "failed_exit_code"})


class DifferentSizes(bench_json.InputError):
    """Records that are pooled or compared measured different sizes."""


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


def check(records: list, *, what: str, how_to_fix: str,
          allowed: bool = False, names=None) -> str | None:
    """Checks that records to pool or compare measured the same sizes.

    Each record of known sizes is held against the first of them; a record
    whose sizes are unknown passes.

    Args:
      records: the bench_json.Results to pool or compare.
      what: the records, as the words before "different sizes", e.g.
        "BASE and NEW ran" or "commit 1a2b3c4d5e6f has 2 records of".
      how_to_fix: ends the complaint, saying how to get records of one size.
      allowed: whether different sizes are allowed (--allow-different-sizes).
      names: a function giving the records by name, for the complaint to
        list after the sizes; called only for that complaint.

    Returns:
      None when they measured the same sizes; otherwise, when that is
      allowed, the warning that names the flags that differ.

    Raises:
      DifferentSizes: when their sizes differ and that is not allowed.
    """
    known = [record.context for record in records
             if size_flags(record.context) is not None]
    found = next(filter(None, (differences(known[0], context)
                               for context in known[1:])), [])
    if not found:
        return None
    if not allowed:
        named = f": {names()}" if names else ""
        raise DifferentSizes(f"{what} different sizes ({describe(found)})"
                             f"{named}; {how_to_fix}")
    return (f"WARNING: {what} DIFFERENT SIZES ({describe(found)}): their "
            "changes are not regressions or improvements of the code")
