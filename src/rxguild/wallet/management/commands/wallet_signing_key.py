"""Create the badge-signing key file, or rotate it (--rotate).

A rotation writes a new private key over RXGUILD_WALLET_KEY_FILE; the old key's public half is
recorded first, so badges it signed keep verifying (wallet.keys). Keep a backup of the file:
without it the instance can issue nothing new, though what it issued still verifies.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from rxguild.wallet.keys import key_file_write, key_path, signing_key


class Command(BaseCommand):
    help = "Create (or with --rotate, replace) the wallet's badge-signing key file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rotate", action="store_true", help="replace an existing key")

    def handle(self, *args: Any, **options: Any) -> None:
        path = key_path()
        if path.exists():
            if not options["rotate"]:
                self.stdout.write(f"A key already exists at {path}; --rotate replaces it.")
                return
            signing_key()  # records the old public key before it is replaced
        key_file_write(path)
        _, kid = signing_key()
        self.stdout.write(f"Signing key {kid} written to {path}.")
