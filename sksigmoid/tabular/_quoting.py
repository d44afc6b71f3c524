"""How messages about a table write a user's words: as arguments to paste after
an option of ``sksigmoid``, whose messages these are too."""

import shlex


def shell_word(text):
    """``text`` as one shell word to paste after an option: as it is if it can
    be, in double quotes if that suffices (``"'vote'"``), else as shlex quotes."""
    text = str(text)
    if shlex.quote(text) == text:
        return text
    if not any(character in text for character in '"$`\\!'):
        return f'"{text}"'
    return shlex.quote(text)


def separator_name(separator):
    """How to write ``separator`` on the command line (``tab`` for a tab)."""
    return "tab" if separator == "\t" else repr(separator)
