"""The app's settings, with the load generator's ceiling page added to its URLs (bench.ceiling)."""

from wardvote.settings import *  # noqa: F403

ROOT_URLCONF = "bench.ceiling"
