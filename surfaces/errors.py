"""The one base class of errors caused by the user's input.

It lives at the bottom of the house: surfaces import nothing above them, core and gui import
surfaces, so every package can raise a subclass and every surface of the app catches this one
class — main.py turns it into one line and exit code 2, the GUI into an inline message.
"""

from __future__ import annotations


class UserError(ValueError):
    """Bad input (a name, a number, a file, a formula, a choice that cannot be done): the message
    is one line saying what is wrong and what is allowed, shown as is."""
