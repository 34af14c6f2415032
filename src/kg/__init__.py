"""kg: knowledge graphs of who met whom and who said what, from political news."""

from __future__ import annotations

__version__ = "0.1.0"
