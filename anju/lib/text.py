"""Text cells as departments type them, in the forms the platform keeps."""

# Full-width digits and Latin letters (０-９, Ａ-Ｚ, ａ-ｚ: what a Chinese input method types in its full-width mode)
_HALFWIDTH = {cp: cp - 0xFEE0 for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
              for cp in range(r[0], r[1] + 1)}


def halfwidth(text: str) -> str:
    """``text`` with full-width digits and Latin letters written as ASCII (２１号Ａ座 → 21号A座); everything else, Chinese
    punctuation included, as it is."""
    return text.translate(_HALFWIDTH) if text and not text.isascii() else text
