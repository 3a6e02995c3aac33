import sys

from partydesk.cli import main

sys.exit(main())
