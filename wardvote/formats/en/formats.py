# The English interface keeps the dates of the documents (07/10/2024).
from wardvote.formats.vi.formats import *  # noqa: F403

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
