"""What the apps above the division map link from a reorganisation's page, without the map
importing them (as ``neighborhoods.ward_page`` does for the ward page).

A recorded reorganisation changes who holds the posts of the khu phố it touches; that is the
elections app's. Such an app registers a function from its ``AppConfig.ready``; the page calls
each with the user and the reorganisation and shows the links (label, URL) they return.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from neighborhoods.models import Reorganisation

ReorganisationLinks = Callable[[Any, Reorganisation], list[tuple[str, str]]]

_links: list[ReorganisationLinks] = []


def register_reorganisation_links(links: ReorganisationLinks) -> None:
    """Have ``links(user, reorganisation)`` called for every reorganisation page (once per function)."""
    if links not in _links:
        _links.append(links)


def reorganisation_links(user, reorganisation: Reorganisation) -> list[tuple[str, str]]:
    """The links every registered app offers on this reorganisation's page, as the user may follow them."""
    return [link for links in _links for link in links(user, reorganisation)]
