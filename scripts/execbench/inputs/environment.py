"""The guard of every comparison (scripts/ab, compare, history): two results
are comparable only when measured in the same environment, the same kind of
machine running the same kind of build, as their contexts record it.

The fields compared (ENVIRONMENT_FIELDS, and every execbench_*_version):
the CPU model and core count, the kernel release, the compiler, the build
types of bench and of Google Benchmark, and the versions of the libraries
bench uses. A field that a context lacks (a record made before bench
recorded it) is unknown, not different. Where results differ, check()
refuses them, naming each field and both values, or, where
--allow-different-environment allows it, gives the warning that every
output then starts with.
"""

from execbench.inputs import bench_json

ALLOW_FLAG = "--allow-different-environment"
ENVIRONMENT_FIELDS = ("execbench_cpu_model", "num_cpus", "execbench_kernel",
                      "execbench_compiler", "execbench_build_type",
                      "library_build_type")
_VERSION = ("execbench_", "_version")


class DifferentEnvironment(bench_json.InputError):
    """Results to compare were measured in different environments."""


def environment(context: dict) -> dict:
    """field -> value (as a string) of the context's environment fields."""
    return {key: str(value) for key, value in context.items()
            if key in ENVIRONMENT_FIELDS
            or (key.startswith(_VERSION[0]) and key.endswith(_VERSION[1]))}


def differences(first: dict, second: dict) -> list:
    """(field, first value, second value) for every environment field that
    both contexts have and that differs, by field name."""
    first_fields, second_fields = environment(first), environment(second)
    return [(field, first_fields[field], second_fields[field])
            for field in sorted(first_fields.keys() & second_fields.keys())
            if first_fields[field] != second_fields[field]]


def describe(found: list) -> str:
    """differences() as text: "execbench_kernel '6.1.0-18' vs '6.1.0-21'"."""
    return ", ".join(f"{field} {first!r} vs {second!r}"
                     for field, first, second in found)


def check(first: dict, second: dict, *, what: str, how_to_fix: str,
          allowed: bool = False) -> str | None:
    """Checks that two contexts record one environment.

    Args:
      first, second: the contexts of the results compared.
      what: the results, as the words before "ran in different
        environments", e.g. "BASE and NEW".
      how_to_fix: ends the complaint, before the flag that allows it.
      allowed: whether --allow-different-environment was given.

    Returns:
      None when they are the same; otherwise, when that is allowed, the
      warning that names the fields that differ.

    Raises:
      DifferentEnvironment: when they differ and that is not allowed.
    """
    found = differences(first, second)
    if not found:
        return None
    if not allowed:
        raise DifferentEnvironment(
            f"{what} ran in different environments ({describe(found)}); "
            f"{how_to_fix}, or pass {ALLOW_FLAG}")
    return (f"WARNING: {what} RAN IN DIFFERENT ENVIRONMENTS "
            f"({describe(found)}): their changes may come from the "
            "environment, not the code")
