import sys

from jdlint.cli import main

sys.exit(main())
