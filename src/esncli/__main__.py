from esncli.cli import main

main()
