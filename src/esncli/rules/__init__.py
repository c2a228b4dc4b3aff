"""The guide's prévoyance and social-aid rules: one module per estimate kind, holding its
declaration (inputs, outputs, parameters as annotated NamedTuples; ``esncli.rules.model``) beside
the rule, a plain function over ``Decimal`` that records its steps in a trace when given one.

No printing, prompting or I/O here: the CLI, the prompts, the batch and the Python API all reach
the rules through ``esncli.rules.kinds``.
"""
