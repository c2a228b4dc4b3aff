"""esn: a command-line member assistant for MGEN's international offers.

The package is a functional core (``catalog``, ``countries``, ``contacts``, ``rules``) inside a
thin shell (``cli``, ``render``, ``prompts``, ``batch``). See docs/design-notes.md.
"""

__version__ = "0.1.0"
