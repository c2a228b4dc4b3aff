"""``python -m esncli.catalog``: rewrite the snapshot from data/*.yaml."""

from esncli.catalog import main

if __name__ == "__main__":
    main()
