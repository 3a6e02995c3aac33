"""Entry script of the frozen build (PyInstaller needs a file, not an entry point)."""

import multiprocessing
import sys

from ui.launch import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
