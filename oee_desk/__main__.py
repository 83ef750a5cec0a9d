"""Entry point: `oee-desk` and `python -m oee_desk`."""
import sys

from .cli import main as _main


def main() -> None:
    sys.exit(_main())


if __name__ == "__main__":
    main()
