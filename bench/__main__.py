"""`make bench`: the measured figures, printed as one table (see docs/benchmarks.md)."""

import os
import sys

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wardvote.settings")
    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    from bench import import_households

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(f"database: {connection.vendor}")
        print(f"{'measure':<44} {'value':>14}")
        for fmt, seconds, rate in import_households.run():
            label = f"household import, {import_households.ROWS:,} rows ({fmt})"
            print(f"{label:<44} {rate:>10,.0f} rows/s  ({seconds:.1f} s)")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    sys.exit(main())
