"""How results are shown: one serialiser (JSON, JSON Lines, CSV cells, steps) and the human
renderers (plain text, rich explanations)."""
