from melihub.cli import main

main()
