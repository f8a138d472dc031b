"""``python -m storyline``: the same CLI as the ``storyline`` console script."""

from storyline.cli import main

if __name__ == "__main__":
    main()
