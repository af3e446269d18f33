"""Reads of the elections app, split by subject; none writes.

``fetch`` holds every permission-checked fetcher (``*_for``); the other modules
read what a fetched object leads to and assume an authorised caller.
"""
