"""Text normalisation, offline: language id (fi/sv/en), regex tokens, lemmas, compound parts, stop words."""
from pipeline.text.normalise import (
    LANGUAGES,
    NormalisedText,
    TextNormaliser,
    Token,
    tokenise,
)

__all__ = ["LANGUAGES", "NormalisedText", "TextNormaliser", "Token", "tokenise"]
