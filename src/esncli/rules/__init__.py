"""The guide's prévoyance and social-aid rules: one pure function per estimate.

Each rule takes a frozen input dataclass and the dated parameters (``esncli.parameters``) and
returns a ``Result`` (``esncli.rules.model``). No printing, prompting or I/O here: the CLI, the
prompts, the batch and the Python API all call these functions through ``REGISTRY``.
"""
